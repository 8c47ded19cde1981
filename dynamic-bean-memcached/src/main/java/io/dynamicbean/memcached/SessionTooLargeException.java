/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached;

import io.dynamicbean.session.SessionStoreRefusal;

/**
 * Thrown when a session does not fit in one memcached item: its encoded size, with its key and the
 * item header, is over {@code dynamic-bean.memcached.max-item-size}. The session is not written;
 * a switchable session front keeps serving it from its local store.
 */
public class SessionTooLargeException extends MemcachedStoreException implements SessionStoreRefusal {

	private final long maxItemSize;

	/**
	 * Create an exception.
	 * @param message what was refused, naming the session key and sizes
	 * @param maxItemSize the item size limit in bytes
	 */
	public SessionTooLargeException(String message, long maxItemSize) {
		super(message, null);
		this.maxItemSize = maxItemSize;
	}

	/**
	 * Return the item size limit that the session exceeded.
	 * @return the limit in bytes
	 */
	public long getMaxItemSize() {
		return this.maxItemSize;
	}

}
