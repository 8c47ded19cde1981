/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.autoconfigure;

import io.dynamicbean.DynamicBeanRecover;
import io.dynamicbean.support.DefaultDynamicBeanFactory;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;

/**
 * Configuration properties of dynamic beans, under {@code dynamic-bean}.
 *
 * <p>Retry delays belong to each generator ({@code getDelaySeconds()}), not to these
 * properties. The actuator parts are switched with Spring Boot's own properties:
 * {@code management.endpoint.dynamicbeans.access}, {@code management.health.dynamicbeans.enabled}
 * and the {@code management.metrics.enable.dynamic} meter filter.
 */
@ConfigurationProperties("dynamic-bean")
public class DynamicBeanProperties {

	/**
	 * Whether to turn dynamic beans on: generate the beans of every DynamicGenerator at start-up
	 * and retry the failed ones. An explicit @EnableDynamicBeans turns them on whatever this says.
	 */
	private boolean enabled = true;

	private final Recovery recovery = new Recovery();

	/**
	 * Return whether dynamic beans are turned on.
	 * @return {@code true} (the default) to turn them on
	 */
	public boolean isEnabled() {
		return this.enabled;
	}

	/**
	 * Set whether dynamic beans are turned on.
	 * @param enabled {@code false} to turn the auto-configuration off; {@code true} by default
	 */
	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	/**
	 * Return the recovery settings.
	 * @return the recovery settings, never {@code null}
	 */
	public Recovery getRecovery() {
		return this.recovery;
	}

	/**
	 * How failed dynamic beans are retried, under {@code dynamic-bean.recovery}.
	 */
	public static class Recovery {

		/**
		 * Number of threads of the scheduler that retries failed dynamic beans: how many
		 * generators may be retried at once, so that a hung one does not delay the others. The
		 * application's own TaskScheduler is never used.
		 */
		private int threads = DynamicBeanRecover.DEFAULT_THREADS;

		/**
		 * Upper bound of the random jitter added to each retry delay, as a fraction of the delay
		 * (0.1: a 30 s delay is retried between 30 and 33 s after the failure), so that instances
		 * that failed together do not retry in lock-step. 0 turns jitter off.
		 */
		private double jitter = DefaultDynamicBeanFactory.DEFAULT_RETRY_JITTER;

		/**
		 * Return the number of recovery threads.
		 * @return the number of threads, {@value DynamicBeanRecover#DEFAULT_THREADS} by default
		 */
		public int getThreads() {
			return this.threads;
		}

		/**
		 * Set the number of recovery threads.
		 * @param threads at least 1; {@value DynamicBeanRecover#DEFAULT_THREADS} by default
		 */
		public void setThreads(int threads) {
			Assert.isTrue(threads > 0, () -> "dynamic-bean.recovery.threads must be at least 1, but was " + threads);
			this.threads = threads;
		}

		/**
		 * Return the upper bound of the retry jitter.
		 * @return a fraction of the delay, {@value DefaultDynamicBeanFactory#DEFAULT_RETRY_JITTER} by default
		 */
		public double getJitter() {
			return this.jitter;
		}

		/**
		 * Set the upper bound of the retry jitter.
		 * @param jitter a fraction of the delay from 0 to 1;
		 * {@value DefaultDynamicBeanFactory#DEFAULT_RETRY_JITTER} by default
		 */
		public void setJitter(double jitter) {
			Assert.isTrue(jitter >= 0 && jitter <= 1,
					() -> "dynamic-bean.recovery.jitter must be between 0 and 1 (a fraction of the delay), but was " + jitter);
			this.jitter = jitter;
		}

	}

}
