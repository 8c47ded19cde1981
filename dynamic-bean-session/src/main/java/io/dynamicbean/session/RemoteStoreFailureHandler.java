/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

/**
 * Told of every exception thrown by a remote session store behind a
 * {@link SwitchableSessionRepository}, after the request has been served from the local store
 * instead. A typical handler counts consecutive failures and, past a threshold, invalidates the
 * remote store's dynamic beans through the {@code DynamicBeanFactory}.
 *
 * <p>Called on the request thread: keep it short and do not throw (an exception is logged and
 * ignored). A handler that also implements {@link RemoteStoreListener} is told of successes too.
 *
 * @see SwitchableSessionRepository#setRemoteFailureHandler(RemoteStoreFailureHandler)
 */
@FunctionalInterface
public interface RemoteStoreFailureHandler {

	/**
	 * Called when a call to the remote store has thrown.
	 * @param storeName the name the remote store was switched in under, such as {@code memcached}
	 * @param ex the exception thrown by the remote store
	 */
	void onFailure(String storeName, RuntimeException ex);

}
