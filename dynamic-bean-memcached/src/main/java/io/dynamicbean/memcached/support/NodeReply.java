/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.support;

import java.util.concurrent.Future;

/**
 * The answer of a {@link MemcachedNode} to one operation, waited for with
 * {@link #get(long, java.util.concurrent.TimeUnit)} within the operation timeout.
 * @param <T> the result
 */
public interface NodeReply<T> extends Future<T> {

	/**
	 * Run an action once the operation completed, whatever its outcome (at once when it has).
	 * @param action the action, which must not block
	 */
	void whenDone(Runnable action);

}
