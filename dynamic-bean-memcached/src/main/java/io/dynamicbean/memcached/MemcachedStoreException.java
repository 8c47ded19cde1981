/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached;

import io.dynamicbean.DynamicBeanException;
import org.jspecify.annotations.Nullable;

/**
 * Root of the exceptions thrown by the memcached session store. A switchable session front falls
 * back to its local store on any of them; subclasses say whether memcached itself is at fault
 * ({@link MemcachedUnavailableException}) or the session is ({@link SessionTooLargeException},
 * {@link SessionSerializationException}).
 */
public class MemcachedStoreException extends DynamicBeanException {

	/**
	 * Create an exception with a message and a cause.
	 * @param message what went wrong, naming the session key and what to change
	 * @param cause the underlying failure, or {@code null}
	 */
	public MemcachedStoreException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
