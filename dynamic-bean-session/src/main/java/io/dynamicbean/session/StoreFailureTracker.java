/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The one record of whether each remote store answers: which stores are failing and since when,
 * told of every call's outcome by the fronts that call them (the {@link SwitchableSessionRepository}
 * and the security-context front), and the one source of the events about them, for
 * {@link RemoteStoreListener}s such as the {@link RemoteStoreFailureMonitor} and the session store
 * metrics.
 *
 * <p>A store is failing from its first failed call ({@link #failed}: one WARN) until its next
 * successful one ({@link #answered}: one INFO, and {@link RemoteStoreListener#onAnsweringAgain}).
 * Whether an exception is a failure at all is decided by {@link StoreExceptionKind} before.
 * Listeners are called in the order added, on the calling thread; one that throws is logged and
 * ignored. Thread-safe.
 */
public class StoreFailureTracker {

	private static final Log logger = LogFactory.getLog(StoreFailureTracker.class);

	private final Map<String, Instant> failingSince = new ConcurrentHashMap<>();

	private final List<RemoteStoreListener> listeners = new CopyOnWriteArrayList<>();

	private volatile Clock clock = Clock.systemUTC();

	/**
	 * Add a listener told of every event.
	 * @param listener the listener, not {@code null}
	 */
	public void addListener(RemoteStoreListener listener) {
		Assert.notNull(listener, "listener must not be null");
		this.listeners.add(listener);
	}

	/**
	 * Remove a listener added before; does nothing for another.
	 * @param listener the listener
	 */
	public void removeListener(RemoteStoreListener listener) {
		this.listeners.remove(listener);
	}

	/**
	 * Record a failed call to a store.
	 * @param storeName the store's name
	 * @param operation what was called, for the log
	 * @param ex what the store threw, a {@link StoreExceptionKind#FAILURE}
	 * @return whether the store answered until now (this failure starts an outage)
	 */
	public boolean failed(String storeName, String operation, RuntimeException ex) {
		boolean started = this.failingSince.putIfAbsent(storeName, this.clock.instant()) == null;
		if (started) {
			logger.warn("Session store '" + storeName + "' failed (" + operation + "): " + ex
					+ "; served from the local store until it answers again");
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Session store '" + storeName + "' failed again (" + operation + "): " + ex);
		}
		notifyListeners((listener) -> listener.onFailure(storeName, ex));
		return started;
	}

	/**
	 * Record a successful call to a store.
	 * @param storeName the store's name
	 * @return whether the store was failing until now (this success ends an outage)
	 */
	public boolean answered(String storeName) {
		Instant since = this.failingSince.remove(storeName);
		if (since != null) {
			logger.info("Session store '" + storeName + "' answers again, after failing for "
					+ Duration.between(since, this.clock.instant()));
			notifyListeners((listener) -> listener.onAnsweringAgain(storeName));
		}
		notifyListeners((listener) -> listener.onSuccess(storeName));
		return since != null;
	}

	/**
	 * Record that a store refused one session (a {@link StoreExceptionKind#REFUSAL}): not a failure.
	 * @param storeName the store's name
	 * @param refusal what the store threw
	 */
	public void refused(String storeName, RuntimeException refusal) {
		notifyListeners((listener) -> listener.onRefused(storeName, refusal));
	}

	/**
	 * Record that a store was switched in: it starts as answering.
	 * @param storeName the store's name
	 */
	public void switchedIn(String storeName) {
		this.failingSince.remove(storeName);
		notifyListeners((listener) -> listener.onSwitchedIn(storeName));
	}

	/**
	 * Record that a store was switched out.
	 * @param storeName the store's name
	 */
	public void switchedOut(String storeName) {
		notifyListeners((listener) -> listener.onSwitchedOut(storeName));
	}

	/**
	 * Return since when a store has been failing.
	 * @param storeName the store's name
	 * @return the time of the first failure of the current outage, or {@code null} if the store
	 * answers
	 */
	public @Nullable Instant getFailingSince(String storeName) {
		return this.failingSince.get(storeName);
	}

	/**
	 * Return whether a store is failing.
	 * @param storeName the store's name
	 * @return whether its last call failed
	 */
	public boolean isFailing(String storeName) {
		return this.failingSince.containsKey(storeName);
	}

	/**
	 * Set the clock that dates failures.
	 * @param clock the clock, not {@code null}; the system UTC clock by default
	 */
	public void setClock(Clock clock) {
		Assert.notNull(clock, "clock must not be null");
		this.clock = clock;
	}

	private void notifyListeners(Consumer<RemoteStoreListener> call) {
		for (RemoteStoreListener listener : this.listeners) {
			try {
				call.accept(listener);
			}
			catch (RuntimeException ex) {
				logger.warn("Remote session store callback " + listener + " threw; ignored", ex);
			}
		}
	}

}
