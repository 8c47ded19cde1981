/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.support;

import java.net.ConnectException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SpyMemcachedLogger}.
 */
@ExtendWith(OutputCaptureExtension.class)
class SpyMemcachedLoggerTests {

	private final SpyMemcachedLogger logger = new SpyMemcachedLogger("io.dynamicbean.test.SpyMemcached");

	@Test
	void logsSpymemcachedWarningsAsInfoWithTheExceptionOnOneLine(CapturedOutput output) {
		this.logger.warn("Exception handling write", new ConnectException("Connection refused"));
		assertThat(output).contains("INFO  [main] io.dynamicbean.test.SpyMemcached - Exception handling write: "
				+ "java.net.ConnectException: Connection refused")
			.doesNotContain("WARN")
			.doesNotContain("\tat ");
	}

	/**
	 * Spymemcached's own format and arguments (MemcachedConnection.queueReconnect): one such line
	 * per second per node that is down. NodeHealth logs the count when the node is back.
	 */
	@Test
	void keepsTheLineOfEachReconnectAttemptBelowInfo(CapturedOutput output) {
		for (int attempt = 0; attempt < 5; attempt++) {
			this.logger.warn("Closing, and reopening %s, attempt %d.",
					"{QA sa=localhost/127.0.0.1:11211, #Rops=0, #Wops=0, #iq=0, topRop=null, topWop=null, toWrite=0, "
							+ "interested=0}",
					attempt);
		}
		this.logger.warn("Error on reconnect", new ConnectException("Connection refused"));
		assertThat(output).doesNotContain("Closing, and reopening").doesNotContain("Error on reconnect");
	}

	@Test
	void logsSpymemcachedErrorsAsWarnings(CapturedOutput output) {
		this.logger.error("Problem handling memcached IO", new IllegalStateException("boom"));
		assertThat(output).contains("WARN  [main] io.dynamicbean.test.SpyMemcached - Problem handling memcached IO: "
				+ "java.lang.IllegalStateException: boom").doesNotContain("\tat ");
	}

	@Test
	void keepsSpymemcachedInfoBelowInfo(CapturedOutput output) {
		this.logger.info("Added {QA sa=/127.0.0.1:11211} to connect queue");
		assertThat(output).doesNotContain("connect queue");
		assertThat(this.logger.isInfoEnabled()).isFalse();
	}

	@Test
	void installsItselfUnlessAnotherLoggerIsConfigured() {
		SpyMemcachedLogger.install();
		assertThat(System.getProperty(SpyMemcachedLogger.LOGGER_PROPERTY)).isNotNull();
	}

}
