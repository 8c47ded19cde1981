/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean;

/**
 * The state of a dynamic bean, as seen through its generator.
 *
 * <pre>
 *                 start-up                generate() + execute() succeed
 *   PENDING ------------------> (attempt) --------------------------------> ACTIVE
 *      |                          |   |                                      |
 *      | direct-only              |   | a dependency is missing              | invalidate()
 *      v                          |   v                                      v
 *   DIRECT_ONLY --generateBean()--+  WAITING --dependency ACTIVE--> (attempt)  FAILED (dependents: WAITING)
 *                                 |                                            |
 *                                 +--generate() or execute() throws--> FAILED --retry every delay--> (attempt)
 * </pre>
 */
public enum DynamicBeanState {

	/**
	 * Not attempted yet: the context is still starting.
	 */
	PENDING,

	/**
	 * A direct-only generator that the application has not asked for yet.
	 */
	DIRECT_ONLY,

	/**
	 * {@code generate()} or {@code execute()} is running now.
	 */
	GENERATING,

	/**
	 * Registered in the application context and its {@code execute()} hook has succeeded.
	 */
	ACTIVE,

	/**
	 * The last attempt failed; retried after the generator's delay when it is positive.
	 */
	FAILED,

	/**
	 * Not attempted because a {@link DynamicAutowired} dependency is not active; generated as soon
	 * as the dependency becomes active.
	 */
	WAITING;

	/**
	 * Whether a bean in this state is missing: it should exist but does not.
	 * @return {@code true} for {@link #FAILED} and {@link #WAITING}
	 */
	public boolean isMissing() {
		return this == FAILED || this == WAITING;
	}

}
