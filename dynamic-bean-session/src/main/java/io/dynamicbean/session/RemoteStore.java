/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

/**
 * One switch-in of a remote store: a new instance for every
 * {@link SwitchableSessionRepository#switchTo(String, SessionRepository)}, so a session remembers
 * exactly which switch-in it came from.
 */
final class RemoteStore {

	private final String name;

	private final SessionRepository<Session> repository;

	private final AtomicBoolean idChangeReported = new AtomicBoolean();

	private final AtomicBoolean epochUnsupportedReported = new AtomicBoolean();

	private volatile @Nullable String epoch;

	private final long switchedInAt = System.nanoTime();

	@SuppressWarnings("unchecked")
	RemoteStore(String name, SessionRepository<? extends Session> repository) {
		this.name = name;
		this.repository = (SessionRepository<Session>) repository;
	}

	String name() {
		return this.name;
	}

	/**
	 * Return the repository; it is only ever given back sessions it created or found itself.
	 */
	SessionRepository<Session> repository() {
		return this.repository;
	}

	/**
	 * Return the epoch of the store's data last read or written by this instance: changes when the
	 * store loses its data (a memcached restart).
	 * @return the epoch, or {@code null} if unknown
	 */
	@Nullable String epoch() {
		return this.epoch;
	}

	void epoch(@Nullable String epoch) {
		this.epoch = epoch;
	}

	/**
	 * Return how long ago the store was switched in.
	 */
	Duration activeFor() {
		return Duration.ofNanos(System.nanoTime() - this.switchedInAt);
	}

	/**
	 * Return {@code true} the first time only.
	 */
	boolean firstEpochUnsupported() {
		return this.epochUnsupportedReported.compareAndSet(false, true);
	}

	/**
	 * Return {@code true} the first time only.
	 */
	boolean firstIdChange() {
		return this.idChangeReported.compareAndSet(false, true);
	}

	@Override
	public String toString() {
		return "'" + this.name + "' (" + this.repository.getClass().getName() + ")";
	}

}
