/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

/**
 * Told of the outcome of every call that a {@link SwitchableSessionRepository} makes to its remote
 * store, for example to count consecutive failures and reset the count on success. Both methods do
 * nothing by default.
 *
 * <p>Called on the request thread, after every remote call: keep it cheap and do not throw (an
 * exception is logged and ignored).
 *
 * @see SwitchableSessionRepository#setRemoteStoreListener(RemoteStoreListener)
 */
public interface RemoteStoreListener extends RemoteStoreFailureHandler {

	/**
	 * Called when a call to the remote store has thrown; the request is served from the local
	 * store instead.
	 * @param storeName the name the remote store was switched in under
	 * @param ex the exception thrown by the remote store
	 */
	@Override
	default void onFailure(String storeName, RuntimeException ex) {
	}

	/**
	 * Called when a call to the remote store has returned normally.
	 * @param storeName the name the remote store was switched in under
	 */
	default void onSuccess(String storeName) {
	}

}
