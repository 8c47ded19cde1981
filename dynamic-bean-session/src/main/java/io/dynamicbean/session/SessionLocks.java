/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import java.util.function.Supplier;

/**
 * Mutual exclusion per session id: actions for one id never run at the same time, whatever the
 * number of threads.
 *
 * <p>A fixed array of lock stripes, chosen by the id's hash: nothing is created or removed per id,
 * so no thread can ever lock a different object than another thread holding the lock of the same
 * id (the flaw of a map of locks removed after use). Two ids may share a stripe; that only
 * serializes them. Reentrant, as {@code synchronized} is.
 */
final class SessionLocks {

	/** Number of stripes: a power of two, far more than request threads contend for at once. */
	static final int STRIPES = 1024;

	private final Object[] stripes = new Object[STRIPES];

	SessionLocks() {
		for (int i = 0; i < STRIPES; i++) {
			this.stripes[i] = new Object();
		}
	}

	/**
	 * Run an action while holding the lock of a session id.
	 * @param id the session id
	 * @param action the action
	 * @param <T> the type of the action's result
	 * @return the action's result
	 */
	<T> T withLock(String id, Supplier<T> action) {
		synchronized (stripeOf(id)) {
			return action.get();
		}
	}

	private Object stripeOf(String id) {
		int hash = id.hashCode();
		return this.stripes[(hash ^ (hash >>> 16)) & (STRIPES - 1)];
	}

}
