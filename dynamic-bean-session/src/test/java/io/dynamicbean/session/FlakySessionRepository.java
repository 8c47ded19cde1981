/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import java.util.Map;
import java.util.Set;
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
 * read and clear (a restart), which throws while it is {@link #down() down}. The front's epoch
 * marker is kept like any session but left out of {@link #sessions()} and of the counts. Like
 * memcached with tombstones, it refuses to save a session under an id it deleted.
 */
final class FlakySessionRepository implements SessionRepository<MapSession> {

	private final Map<String, Session> sessions = new ConcurrentHashMap<>();

	private final MapSessionRepository delegate = new MapSessionRepository(this.sessions);

	private final AtomicInteger creations = new AtomicInteger();

	private final AtomicInteger calls = new AtomicInteger();

	private final AtomicInteger findByIds = new AtomicInteger();

	private final AtomicInteger saves = new AtomicInteger();

	private final Set<String> deleted = ConcurrentHashMap.newKeySet();

	private volatile boolean down;

	private volatile boolean refusingSaves;

	private final Set<String> unknown = ConcurrentHashMap.newKeySet();

	private volatile @Nullable Runnable afterNextSave;

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
	 * Refuse every save as a store refuses an oversized session, while answering everything else.
	 */
	void refuseSaves() {
		this.refusingSaves = true;
	}

	void acceptSaves() {
		this.refusingSaves = false;
	}

	/**
	 * Answer a look-up of the given session, unless it was saved since, with "cannot tell", as a
	 * memcached cluster does while the nodes that would hold it are down.
	 */
	void cannotTell(String id) {
		this.unknown.add(id);
	}

	/**
	 * Run the given action once, right after the next save of a session has landed and before
	 * the save returns: what another thread or the store itself does meanwhile.
	 */
	void afterNextSave(Runnable action) {
		this.afterNextSave = action;
	}

	/**
	 * Lose every session, as memcached does on restart.
	 */
	void restartEmpty() {
		this.sessions.clear();
		this.deleted.clear();
	}

	/**
	 * Return the sessions held, without the front's epoch marker.
	 */
	Map<String, Session> sessions() {
		Map<String, Session> sessions = new java.util.HashMap<>(this.sessions);
		sessions.remove(StoreEpochs.MARKER_ID);
		return sessions;
	}

	/**
	 * Return the session held under the given id, the epoch marker included.
	 */
	@Nullable Session held(String id) {
		return this.sessions.get(id);
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

	private void check(String operation, @Nullable String id) {
		if (!StoreEpochs.MARKER_ID.equals(id)) {
			this.calls.incrementAndGet();
		}
		if (this.down) {
			throw new IllegalStateException("remote store down (" + operation + ")");
		}
	}

	@Override
	public MapSession createSession() {
		check("createSession", null);
		MapSession session = this.delegate.createSession();
		if (StoreEpochs.MARKER_ID.equals(session.getId())) {
			this.calls.decrementAndGet();
		}
		else {
			this.creations.incrementAndGet();
		}
		return session;
	}

	@Override
	public void save(MapSession session) {
		if (!StoreEpochs.MARKER_ID.equals(session.getId())) {
			this.saves.incrementAndGet();
		}
		check("save", session.getId());
		if (this.refusingSaves) {
			throw new Refusal("session '" + session.getId() + "' is too large");
		}
		if (this.deleted.contains(session.getId()) || this.deleted.contains(session.getOriginalId())) {
			throw new SessionInvalidatedException(session.getOriginalId());
		}
		this.delegate.save(session);
		this.unknown.remove(session.getId());
		Runnable action = this.afterNextSave;
		if (action != null && !StoreEpochs.MARKER_ID.equals(session.getId())) {
			this.afterNextSave = null;
			action.run();
		}
	}

	@Override
	public @Nullable MapSession findById(String id) {
		if (!StoreEpochs.MARKER_ID.equals(id)) {
			this.findByIds.incrementAndGet();
		}
		check("findById", id);
		if (this.unknown.contains(id)) {
			throw new Uncertainty("cannot tell whether session '" + id + "' exists");
		}
		return this.delegate.findById(id);
	}

	@Override
	public void deleteById(String id) {
		check("deleteById", id);
		this.deleted.add(id);
		this.delegate.deleteById(id);
	}

	/**
	 * A store's "cannot tell" for one session.
	 */
	static final class Uncertainty extends RuntimeException implements SessionStoreUncertainty {

		Uncertainty(String message) {
			super(message);
		}

	}

	/**
	 * A store's refusal of one session.
	 */
	static final class Refusal extends RuntimeException implements SessionStoreRefusal {

		Refusal(String message) {
			super(message);
		}

	}

}
