/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached;

import io.dynamicbean.session.SessionStoreRefusal;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when a session cannot be written because one of its attribute values cannot be
 * serialized (it is not {@link java.io.Serializable}). An application bug, not an outage: as a
 * {@link SessionStoreRefusal} it never counts towards the failure threshold of the store.
 */
public class SessionSerializationException extends MemcachedStoreException implements SessionStoreRefusal {

	/**
	 * Create an exception.
	 * @param message what could not be written, naming the session key and the attribute
	 * @param cause the serialization failure, or {@code null}
	 */
	public SessionSerializationException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
