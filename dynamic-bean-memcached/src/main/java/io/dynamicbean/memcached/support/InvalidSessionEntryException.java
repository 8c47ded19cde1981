/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.support;

import org.jspecify.annotations.Nullable;

/**
 * Thrown by {@link SessionCodec#decode} when a memcached item is not a valid session entry, or
 * holds something the allow-list refuses. The caller treats the session as not found.
 */
public class InvalidSessionEntryException extends Exception {

	/**
	 * Create an exception.
	 * @param reason why the entry is refused
	 * @param cause the underlying failure, or {@code null}
	 */
	public InvalidSessionEntryException(String reason, @Nullable Throwable cause) {
		super(reason, cause);
	}

}
