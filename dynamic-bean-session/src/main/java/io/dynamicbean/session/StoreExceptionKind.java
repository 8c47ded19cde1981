/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

/**
 * What an exception thrown by a remote store means: the one place that decides it, for the
 * session front and the security-context front alike.
 *
 * <p>Only a {@link #FAILURE} is a failure of the store: it is recorded by the
 * {@link StoreFailureTracker} and counted by the {@link RemoteStoreFailureMonitor}. The other kinds
 * are answers about one session from a store that works.
 */
public enum StoreExceptionKind {

	/**
	 * The store refused to save a session that no longer exists there (deleted or expired while a
	 * request held it): {@link SessionInvalidatedException}, or Spring Session's
	 * {@code IllegalStateException("Session was invalidated")}. The session has ended.
	 */
	INVALIDATION,

	/**
	 * The store refused one session for a reason of that session ({@link SessionStoreRefusal}: too
	 * large, not serializable, too many concurrent writers); it is kept locally instead.
	 */
	REFUSAL,

	/**
	 * The store cannot tell whether it holds a session ({@link SessionStoreUncertainty}), while it
	 * answers for others.
	 */
	UNCERTAINTY,

	/**
	 * Anything else: the store failed.
	 */
	FAILURE;

	/**
	 * Tell what an exception thrown by a store means.
	 * @param ex the exception, not {@code null}
	 * @return its kind
	 */
	public static StoreExceptionKind of(Throwable ex) {
		if (ex instanceof SessionInvalidatedException
				|| (ex instanceof IllegalStateException && SessionInvalidatedException.MESSAGE.equals(ex.getMessage()))) {
			return INVALIDATION;
		}
		if (ex instanceof SessionStoreRefusal) {
			return REFUSAL;
		}
		if (ex instanceof SessionStoreUncertainty) {
			return UNCERTAINTY;
		}
		return FAILURE;
	}

	/**
	 * Return whether this kind is a failure of the store.
	 * @return {@code true} for {@link #FAILURE} only
	 */
	public boolean isStoreFailure() {
		return this == FAILURE;
	}

}
