/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

/**
 * Told of the outcome of every call that a {@link SwitchableSessionRepository} makes to its remote
 * store, for example to count consecutive failures and reset the count on success, and of every
 * switch between a remote store and the local store, for example to count them in metrics. Every
 * method does nothing by default.
 *
 * <p>Called on the request thread, after every remote call: keep it cheap and do not throw (an
 * exception is logged and ignored).
 *
 * @see StoreFailureTracker#addListener(RemoteStoreListener)
 * @see SwitchableSessionRepository#addRemoteStoreListener(RemoteStoreListener)
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

	/**
	 * Called when a call to the remote store has returned normally after calls that failed: the
	 * store answers again. Called before {@link #onSuccess(String)}.
	 * @param storeName the name the remote store was switched in under
	 */
	default void onAnsweringAgain(String storeName) {
	}

	/**
	 * Called when the remote store refused one session ({@link SessionStoreRefusal}: too large, not
	 * serializable, too many concurrent writers); the session is kept in the local store instead.
	 * Not a failure of the store: {@link #onFailure} is not called.
	 * @param storeName the name the remote store was switched in under
	 * @param refusal the exception thrown by the remote store, a {@link SessionStoreRefusal}
	 */
	default void onRefused(String storeName, RuntimeException refusal) {
	}

	/**
	 * Called when a remote store has been switched in: new sessions go to it from now on.
	 * @param storeName the name the remote store was switched in under
	 */
	default void onSwitchedIn(String storeName) {
	}

	/**
	 * Called when a remote store has been switched out: sessions are served from the local store
	 * until a remote store is switched in again.
	 * @param storeName the name the remote store was switched in under
	 */
	default void onSwitchedOut(String storeName) {
	}

}
