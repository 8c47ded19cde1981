package com.example.reports;

import java.net.ConnectException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.dynamicbean.AbstractExecutableDynamicBeanGeneratorAdapter;

import org.springframework.stereotype.Component;

/** Written as for the original design: the server is down at start-up and back one second later. */
@Component
public class ReportClientGenerator extends AbstractExecutableDynamicBeanGeneratorAdapter<ReportClient> {

	private final AtomicBoolean serverUp = new AtomicBoolean();

	final AtomicBoolean switchedOver = new AtomicBoolean();

	@Override
	public ReportClient generate() throws Exception {
		if (!this.serverUp.getAndSet(true)) {
			throw new ConnectException("Connection refused: reports.internal:9000");
		}
		return new ReportClient("reports.internal:9000");
	}

	@Override
	public void execute() {
		this.switchedOver.set(true);
	}

	@Override
	public int getDelaySeconds() {
		return 1;
	}

}
