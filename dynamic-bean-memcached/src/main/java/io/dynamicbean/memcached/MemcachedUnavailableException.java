/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when memcached did not do what was asked: an operation timed out, was cancelled because
 * no server was connected, was refused, or the client is shut down. These failures count towards
 * the failure threshold of the session store ({@code dynamic-bean.memcached.failure-threshold}),
 * except those that {@link #isFailedFast() failed fast} without reaching memcached.
 */
public class MemcachedUnavailableException extends MemcachedStoreException {

	private final boolean failedFast;

	/**
	 * Create an exception for an operation that reached (or tried to reach) memcached.
	 * @param message what went wrong, naming the key and the operation
	 * @param cause the underlying failure, or {@code null}
	 */
	public MemcachedUnavailableException(String message, @Nullable Throwable cause) {
		this(message, cause, false);
	}

	/**
	 * Create an exception.
	 * @param message what went wrong, naming the key and the operation
	 * @param cause the underlying failure, or {@code null}
	 * @param failedFast whether the operation was refused without contacting memcached because
	 * memcached failed moments ago
	 */
	public MemcachedUnavailableException(String message, @Nullable Throwable cause, boolean failedFast) {
		super(message, cause);
		this.failedFast = failedFast;
	}

	/**
	 * Return whether the operation was refused without contacting memcached, because an operation
	 * failed moments ago (within one operation timeout).
	 * @return {@code true} if memcached was not contacted
	 */
	public boolean isFailedFast() {
		return this.failedFast;
	}

}
