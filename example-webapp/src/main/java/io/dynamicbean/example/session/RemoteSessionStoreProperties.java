/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.session;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * What every remote session store of the example has: how often its generator retries while the
 * store is down, and how many failures at run time take it out. Extended by the properties of
 * each store ({@code example.session.redis.*}, {@code example.session.jdbc.*}).
 */
public abstract class RemoteSessionStoreProperties {

	/**
	 * How long to wait before trying again when the store cannot be reached (whole seconds).
	 */
	@NotNull
	private Duration retryDelay = Duration.ofSeconds(30);

	/**
	 * How many consecutive failed calls to the store at run time switch the application to local
	 * sessions until it is back.
	 */
	@Min(1)
	private int failureThreshold = 3;

	public Duration getRetryDelay() {
		return this.retryDelay;
	}

	/**
	 * Set how long to wait before trying again when the store cannot be reached.
	 * @param retryDelay the delay, in whole seconds; 30 s by default, 0 for never
	 */
	public void setRetryDelay(Duration retryDelay) {
		this.retryDelay = retryDelay;
	}

	public int getFailureThreshold() {
		return this.failureThreshold;
	}

	/**
	 * Set how many consecutive failed calls switch the application to local sessions.
	 * @param failureThreshold the number, at least 1; 3 by default
	 */
	public void setFailureThreshold(int failureThreshold) {
		this.failureThreshold = failureThreshold;
	}

}
