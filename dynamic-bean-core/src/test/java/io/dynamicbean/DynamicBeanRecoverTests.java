/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The threads of {@link DynamicBeanRecover}: a generator that hangs holds back no one else.
 */
class DynamicBeanRecoverTests {

	@Test
	void hungGeneratorDoesNotDelayTheRecoveryOfAnother() throws InterruptedException {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
				HangingConfiguration.class)) {
			DynamicBeanFactory factory = context.getBean(DynamicBeanFactory.class);
			HangingGenerator hanging = context.getBean(HangingGenerator.class);
			try {
				await().atMost(Duration.ofSeconds(10)).until(() -> hanging.hung.getCount() == 0);
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(factory.getStatus("report").state())
						.as("state of the bean retried while another generator hangs")
						.isEqualTo(DynamicBeanState.ACTIVE));
				assertThat(factory.getStatus("hung").state()).as("state of the hanging bean")
					.isEqualTo(DynamicBeanState.GENERATING);
			}
			finally {
				hanging.release.countDown();
			}
		}
	}

	@Test
	void oneGeneratorIsNeverRetriedTwiceAtOnce() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
				HangingConfiguration.class)) {
			DynamicBeanFactory factory = context.getBean(DynamicBeanFactory.class);
			HangingGenerator hanging = context.getBean(HangingGenerator.class);
			try {
				await().atMost(Duration.ofSeconds(10)).until(() -> hanging.hung.getCount() == 0);
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(factory.getStatus("report").state()).isEqualTo(DynamicBeanState.ACTIVE));
				assertThat(context.getBean(DynamicBeanRecover.class).getScheduledRetry("hung"))
					.as("retry queued behind the hanging one")
					.isNull();
				assertThat(hanging.running.get()).as("generate() calls of the hanging generator in flight").isEqualTo(1);
			}
			finally {
				hanging.release.countDown();
			}
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableDynamicBeans
	static class HangingConfiguration {

		@Bean
		HangingGenerator hangingGenerator() {
			return new HangingGenerator();
		}

		@Bean
		ReportGenerator reportGenerator(HangingGenerator hangingGenerator) {
			return new ReportGenerator(hangingGenerator);
		}

	}

	static class Hung {

	}

	static class Report {

	}

	/**
	 * Fails at start-up; its retry, one second later, hangs until released (a connect that
	 * never times out).
	 */
	static class HangingGenerator extends DynamicGeneratorAdapter<Hung> {

		final AtomicInteger calls = new AtomicInteger();

		final AtomicInteger running = new AtomicInteger();

		final CountDownLatch hung = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		@Override
		public Hung generate() throws Exception {
			if (this.calls.incrementAndGet() == 1) {
				throw new IllegalStateException("backend down");
			}
			this.running.incrementAndGet();
			try {
				this.hung.countDown();
				this.release.await(1, TimeUnit.MINUTES);
				throw new IllegalStateException("timed out");
			}
			finally {
				this.running.decrementAndGet();
			}
		}

		@Override
		public int getDelaySeconds() {
			return 1;
		}

	}

	/**
	 * Fails at start-up and until the other generator hangs, then succeeds.
	 */
	static class ReportGenerator extends DynamicGeneratorAdapter<Report> {

		private final HangingGenerator hanging;

		ReportGenerator(HangingGenerator hanging) {
			this.hanging = hanging;
		}

		@Override
		public Report generate() {
			if (this.hanging.hung.getCount() > 0) {
				throw new IllegalStateException("backend down");
			}
			return new Report();
		}

		@Override
		public int getDelaySeconds() {
			return 1;
		}

	}

}
