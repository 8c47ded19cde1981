/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached;

/**
 * Told the outcome of each memcached operation of a {@link MemcachedSessionRepository}, on the
 * thread that ran it: a success, or a failure of memcached itself. Failures of the session
 * (too large, not serializable), operations refused by memcached, and operations that failed fast
 * without reaching memcached are not reported. Both methods do nothing by default and must return
 * quickly.
 *
 * @see MemcachedFailureMonitor
 */
public interface MemcachedOperationListener {

	/**
	 * Called when memcached answered an operation in time.
	 */
	default void onSuccess() {
	}

	/**
	 * Called when an operation timed out, was cancelled because no server was connected, or could
	 * not be queued.
	 * @param failure what went wrong
	 */
	default void onFailure(MemcachedUnavailableException failure) {
	}

}
