/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import org.springframework.session.MapSession;
import org.springframework.session.MapSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionIdGenerator;
import org.springframework.session.SessionRepository;

/**
 * A stand-in remote store for unit tests: a {@link MapSessionRepository} over a map the test can
 * read and clear (a restart), which throws while it is {@link #down() down}.
 */
final class FlakySessionRepository implements SessionRepository<MapSession> {

	private final Map<String, Session> sessions = new ConcurrentHashMap<>();

	private final MapSessionRepository delegate = new MapSessionRepository(this.sessions);

	private final AtomicInteger creations = new AtomicInteger();

	private final AtomicInteger calls = new AtomicInteger();

	private final AtomicInteger findByIds = new AtomicInteger();

	private final AtomicInteger saves = new AtomicInteger();

	private volatile boolean down;

	FlakySessionRepository withSessionIdGenerator(SessionIdGenerator sessionIdGenerator) {
		this.delegate.setSessionIdGenerator(sessionIdGenerator);
		return this;
	}

	void down() {
		this.down = true;
	}

	void up() {
		this.down = false;
	}

	/**
	 * Lose every session, as memcached does on restart.
	 */
	void restartEmpty() {
		this.sessions.clear();
	}

	Map<String, Session> sessions() {
		return this.sessions;
	}

	int creations() {
		return this.creations.get();
	}

	int calls() {
		return this.calls.get();
	}

	void resetCounts() {
		this.creations.set(0);
		this.calls.set(0);
		this.findByIds.set(0);
		this.saves.set(0);
	}

	int findByIds() {
		return this.findByIds.get();
	}

	int saves() {
		return this.saves.get();
	}

	private void check(String operation) {
		this.calls.incrementAndGet();
		if (this.down) {
			throw new IllegalStateException("remote store down (" + operation + ")");
		}
	}

	@Override
	public MapSession createSession() {
		check("createSession");
		this.creations.incrementAndGet();
		return this.delegate.createSession();
	}

	@Override
	public void save(MapSession session) {
		this.saves.incrementAndGet();
		check("save");
		this.delegate.save(session);
	}

	@Override
	public @Nullable MapSession findById(String id) {
		this.findByIds.incrementAndGet();
		check("findById");
		return this.delegate.findById(id);
	}

	@Override
	public void deleteById(String id) {
		check("deleteById");
		this.delegate.deleteById(id);
	}

}
