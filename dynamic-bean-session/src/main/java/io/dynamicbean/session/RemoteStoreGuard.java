/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The guard of the active remote store: every call of the session front to a store goes through
 * it, which classifies what the store threw ({@link StoreExceptionKind}) and records the outcome in
 * the {@link StoreFailureTracker}. It never retries and adds no waiting.
 */
final class RemoteStoreGuard {

	private static final Log logger = LogFactory.getLog(SwitchableSessionRepository.class);

	private final StoreFailureTracker failures;

	RemoteStoreGuard(StoreFailureTracker failures) {
		this.failures = failures;
	}

	/**
	 * Record a call the caller made to the store itself, which returned normally.
	 */
	void answered(RemoteStore store) {
		this.failures.answered(store.name());
	}

	/**
	 * Record an exception from a look-up the caller made to the store itself, if it is a failure.
	 * @return what the exception means
	 */
	StoreExceptionKind lookUpFailed(RemoteStore store, RuntimeException ex) {
		StoreExceptionKind kind = StoreExceptionKind.of(ex);
		if (kind.isStoreFailure()) {
			this.failures.failed(store.name(), "findById", ex);
		}
		return kind;
	}

	/**
	 * Call the remote store; on a runtime exception, record it in the failure tracker and return
	 * the fallback instead. A refusal to save a deleted session is not a failure of the store: it
	 * is thrown on.
	 */
	<T> T call(RemoteStore store, String operation, Supplier<T> call,
			Function<RuntimeException, T> fallback) {
		T result;
		try {
			result = call.get();
		}
		catch (RuntimeException ex) {
			switch (StoreExceptionKind.of(ex)) {
				case INVALIDATION -> {
					answered(store);
					throw ex;
				}
				case REFUSAL -> {
					logger.warn("Session store " + store + " refused to " + operation + " a session, kept in the "
							+ "local store of this instance instead: " + ex.getMessage());
					this.failures.refused(store.name(), ex);
				}
				case UNCERTAINTY -> logger.debug("Session store " + store + " could not " + operation + ": "
						+ ex.getMessage());
				case FAILURE -> this.failures.failed(store.name(), operation, ex);
			}
			return fallback.apply(ex);
		}
		answered(store);
		return result;
	}

}
