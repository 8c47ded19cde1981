/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached;

import io.dynamicbean.session.SessionStoreUncertainty;

/**
 * Thrown when memcached cannot tell whether a session exists: neither its primary nor its backup
 * node answers, and the nodes that answer do not hold it (it may have been written before both
 * failed). No failure of the store: the switchable front serves the session from its local copy
 * meanwhile.
 */
public class MemcachedSessionUnknownException extends MemcachedStoreException implements SessionStoreUncertainty {

	/**
	 * Create an exception.
	 * @param message what is not known, naming the key
	 */
	public MemcachedSessionUnknownException(String message) {
		super(message, null);
	}

}
