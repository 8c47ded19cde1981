/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.redis.autoconfigure;

import java.time.Duration;

import io.dynamicbean.session.RemoteStoreFailureMonitor;
import io.dynamicbean.session.SessionStoreGeneratorAdapter;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the Redis session store adds to Spring Boot's own {@code spring.data.redis.*}, under
 * {@code dynamic-bean.redis}: how often its generator retries while Redis is down, and how many
 * failures at run time take it out. Where Redis is, and how long to wait for it, are Boot's
 * {@code spring.data.redis.*}.
 */
@ConfigurationProperties("dynamic-bean.redis")
public class RedisSessionStoreProperties {

	/**
	 * How long to wait before trying Redis again while it cannot be reached (whole seconds; 0 for
	 * never).
	 */
	private Duration retryDelay = SessionStoreGeneratorAdapter.DEFAULT_RETRY_DELAY;

	/**
	 * How many consecutive failed calls to Redis at run time switch the application to local
	 * sessions until Redis answers again.
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
