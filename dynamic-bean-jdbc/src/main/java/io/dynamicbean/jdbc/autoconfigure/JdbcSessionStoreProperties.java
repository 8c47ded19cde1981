/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.jdbc.autoconfigure;

import java.time.Duration;

import io.dynamicbean.session.RemoteStoreFailureMonitor;
import io.dynamicbean.session.SessionStoreGeneratorAdapter;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the JDBC session store adds to Spring Boot's own {@code spring.datasource.*} and
 * {@code spring.session.jdbc.*}, under {@code dynamic-bean.jdbc}: how often its generator
 * retries while the database is down, and how many failures at run time take it out.
 */
@ConfigurationProperties("dynamic-bean.jdbc")
public class JdbcSessionStoreProperties {

	/**
	 * How long to wait before trying the database again while it cannot be reached (whole
	 * seconds; 0 for never).
	 */
	private Duration retryDelay = SessionStoreGeneratorAdapter.DEFAULT_RETRY_DELAY;

	/**
	 * How many consecutive failed calls to the database at run time switch the application to
	 * local sessions until it answers again.
	 */
	private int failureThreshold = RemoteStoreFailureMonitor.DEFAULT_FAILURE_THRESHOLD;

	public Duration getRetryDelay() {
		return this.retryDelay;
	}

	public void setRetryDelay(Duration retryDelay) {
		this.retryDelay = retryDelay;
	}

	public int getFailureThreshold() {
		return this.failureThreshold;
	}

	public void setFailureThreshold(int failureThreshold) {
		this.failureThreshold = failureThreshold;
	}

}
