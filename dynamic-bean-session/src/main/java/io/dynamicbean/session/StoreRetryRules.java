/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import java.time.Duration;

import io.dynamicbean.support.DefaultDynamicBeanFactory;

import org.springframework.util.Assert;

/**
 * The rules of a remote store's retry delay and failure threshold, written once for every store
 * module: their defaults, what values are allowed, and what follows from them.
 *
 * <ul>
 * <li>retry delay: how long a store's generators wait before trying again while the store cannot
 * be reached; whole seconds (the core counts in seconds), zero for never; {@value #DEFAULT_RETRY_DELAY_SECONDS} s
 * by default. The core adds up to {@link DefaultDynamicBeanFactory#DEFAULT_RETRY_JITTER 10 %} of
 * jitter to each wait;</li>
 * <li>failure threshold: how many consecutive failed calls take a store out; at least 1;
 * {@value #DEFAULT_FAILURE_THRESHOLD} by default;</li>
 * <li>{@link #releaseAfter(Duration)}: how long an instance must have been back on the shared store
 * before it is sure the other instances are back too: the retry delay plus its jitter, rounded up
 * to whole 5 seconds (35 s for the default 30 s).</li>
 * </ul>
 */
public final class StoreRetryRules {

	/** Default retry delay in seconds: 30. */
	public static final int DEFAULT_RETRY_DELAY_SECONDS = 30;

	/** Default retry delay: 30 seconds. */
	public static final Duration DEFAULT_RETRY_DELAY = Duration.ofSeconds(DEFAULT_RETRY_DELAY_SECONDS);

	/** Default number of consecutive failures that take a store out: 3. */
	public static final int DEFAULT_FAILURE_THRESHOLD = 3;

	private static final long RELEASE_STEP_SECONDS = 5;

	private StoreRetryRules() {
	}

	/**
	 * Check a retry delay.
	 * @param retryDelay the delay
	 * @param name what is set, for the message, such as {@code dynamic-bean.memcached.retry-delay}
	 * @return the delay
	 * @throws IllegalArgumentException if it is {@code null}, negative or not whole seconds
	 */
	public static Duration checkRetryDelay(Duration retryDelay, String name) {
		Assert.isTrue(retryDelay != null && !retryDelay.isNegative() && retryDelay.getNano() == 0,
				() -> name + " must be a whole number of seconds, zero (never retry) or more, but was " + retryDelay);
		return retryDelay;
	}

	/**
	 * Check a failure threshold.
	 * @param failureThreshold the threshold
	 * @param name what is set, for the message, such as {@code dynamic-bean.memcached.failure-threshold}
	 * @return the threshold
	 * @throws IllegalArgumentException if it is less than 1
	 */
	public static int checkFailureThreshold(int failureThreshold, String name) {
		Assert.isTrue(failureThreshold >= 1, () -> name + " must be at least 1, but was " + failureThreshold);
		return failureThreshold;
	}

	/**
	 * Return how long an instance must have been back on a shared store whose generators retry
	 * after the given delay before every other instance is back too: the delay plus the core's
	 * default jitter, rounded up to whole 5 seconds. 35 s for the default 30 s; zero for a store
	 * that is never retried.
	 * @param retryDelay the retry delay of the stores' generators, checked as by
	 * {@link #checkRetryDelay(Duration, String)}
	 * @return the delay after which they are all back
	 */
	public static Duration releaseAfter(Duration retryDelay) {
		checkRetryDelay(retryDelay, "retryDelay");
		double withJitter = retryDelay.toSeconds() * (1 + DefaultDynamicBeanFactory.DEFAULT_RETRY_JITTER);
		long steps = (long) Math.ceil(withJitter / RELEASE_STEP_SECONDS - 1e-9);
		return Duration.ofSeconds(steps * RELEASE_STEP_SECONDS);
	}

}
