/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * An immutable snapshot of one dynamic bean: its state, the attempts made, the last failure and
 * when it will be retried.
 *
 * @param beanName the name the bean is (or will be) registered under
 * @param beanType the type of the generated bean
 * @param generatorName the name of the generator bean in the application context
 * @param state the current state
 * @param attempts how many times {@code generate()} has been called
 * @param consecutiveFailures failed attempts since the bean was last active
 * @param lastFailure the cause of the last failure, {@code null} if none since the last success
 * @param lastFailureTime when the last failure happened, {@code null} if none
 * @param activeSince when the bean last became active, {@code null} unless {@link #state} is
 * {@link DynamicBeanState#ACTIVE}
 * @param nextRetry when the next automatic retry is due, {@code null} when none is scheduled
 * @param delay the generator's retry delay, {@link Duration#ZERO} for never
 * @param dependencies the names of the dynamic beans this bean needs
 */
public record DynamicBeanStatus(String beanName, Class<?> beanType, String generatorName, DynamicBeanState state,
		long attempts, long consecutiveFailures, @Nullable Throwable lastFailure, @Nullable Instant lastFailureTime,
		@Nullable Instant activeSince, @Nullable Instant nextRetry, Duration delay, List<String> dependencies) {

	/**
	 * Create a status, checking its invariants.
	 */
	public DynamicBeanStatus {
		Assert.hasText(beanName, "beanName must not be empty");
		Assert.notNull(beanType, "beanType must not be null");
		Assert.notNull(state, "state must not be null");
		Assert.notNull(delay, "delay must not be null");
		dependencies = List.copyOf(dependencies);
	}

	/**
	 * Whether the bean is registered and ready.
	 * @return {@code true} when the state is {@link DynamicBeanState#ACTIVE}
	 */
	public boolean isActive() {
		return this.state == DynamicBeanState.ACTIVE;
	}

	/**
	 * Describe the last failure in one line for operators: each exception of the cause chain as
	 * {@code ExceptionClass: message}, joined by {@code "; caused by "}, without stack traces.
	 * @return the description, or {@code null} if there is no last failure
	 */
	public @Nullable String lastFailureDescription() {
		if (this.lastFailure == null) {
			return null;
		}
		StringBuilder description = new StringBuilder(this.lastFailure.toString());
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		seen.add(this.lastFailure);
		for (Throwable cause = this.lastFailure.getCause(); cause != null && seen.add(cause); cause = cause.getCause()) {
			description.append("; caused by ").append(cause);
		}
		return description.toString();
	}

}
