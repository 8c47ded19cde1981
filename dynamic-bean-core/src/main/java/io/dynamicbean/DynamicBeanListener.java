/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean;

import java.time.Duration;

/**
 * Callbacks on the transitions of dynamic beans. Every bean of this type in the application
 * context is called, in {@link org.springframework.core.Ordered order}, on the thread that
 * caused the transition. All methods do nothing by default.
 *
 * <p>The same transitions are also published as Spring application events
 * ({@link io.dynamicbean.event.DynamicBeanRegisteredEvent},
 * {@link io.dynamicbean.event.DynamicBeanFailedEvent},
 * {@link io.dynamicbean.event.DynamicBeanInvalidatedEvent}).
 */
public interface DynamicBeanListener {

	/**
	 * Called after each call of a generator's {@code generate()} (and {@code execute()}), whatever
	 * the outcome.
	 * @param status the status after the attempt: {@link DynamicBeanState#ACTIVE} or
	 * {@link DynamicBeanState#FAILED}
	 * @param duration how long the attempt took
	 */
	default void onAttempt(DynamicBeanStatus status, Duration duration) {
	}

	/**
	 * Called when a bean has been registered and its {@code execute()} hook has succeeded.
	 * @param status the status of the now active bean
	 */
	default void onRegistered(DynamicBeanStatus status) {
	}

	/**
	 * Called when a bean could not be generated: its generator failed
	 * ({@link DynamicBeanState#FAILED}) or a dependency is missing
	 * ({@link DynamicBeanState#WAITING}).
	 * @param status the status, with the failure and the next retry
	 */
	default void onFailed(DynamicBeanStatus status) {
	}

	/**
	 * Called when an active bean has been taken out through
	 * {@link DynamicBeanFactory#invalidate(String, Throwable)}, for the bean itself and for each
	 * dependent removed with it.
	 * @param status the status after removal
	 */
	default void onInvalidated(DynamicBeanStatus status) {
	}

}
