/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached;

import io.dynamicbean.session.SessionStoreRefusal;
import org.jspecify.annotations.Nullable;

/**
 * Thrown by {@link MemcachedSessionRepository#save} when other requests of the same session
 * wrote its item at every one of {@value MemcachedSessionRepository#MAX_WRITE_ATTEMPTS} attempts
 * to write this request's changes onto it. The changes are not saved; nothing of the other
 * requests' is overwritten. Memcached itself is not at fault.
 */
public class SessionWriteConflictException extends MemcachedStoreException implements SessionStoreRefusal {

	/**
	 * Create an exception.
	 * @param message what went wrong, naming the session key
	 * @param cause the underlying failure, or {@code null}
	 */
	public SessionWriteConflictException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
