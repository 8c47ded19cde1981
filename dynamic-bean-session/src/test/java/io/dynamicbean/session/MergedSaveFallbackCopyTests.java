/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.session.MapSession;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the fallback copy a front keeps of a session its store merged (window W11 of
 * docs/consistency.md): two instances change one session at once, the store applies the second
 * save onto the first, and the session object of the second save holds the merged session. The
 * copy the second instance keeps, and serves when every node is gone, holds both changes.
 */
class MergedSaveFallbackCopyTests {

	private final PreservingSessionIdGenerator ids = new PreservingSessionIdGenerator();

	private final MergingStore store = new MergingStore();

	private final LocalSessionRepository localOfA = new LocalSessionRepository();

	private final SwitchableSessionRepository instanceA = new SwitchableSessionRepository(this.localOfA, this.ids);

	private final SwitchableSessionRepository instanceB = new SwitchableSessionRepository(new LocalSessionRepository(),
			this.ids);

	private String sessionId;

	@BeforeEach
	void sessionWrittenByA() {
		this.instanceA.switchTo("memcached", this.store);
		this.instanceB.switchTo("memcached", this.store);
		SwitchableSession session = this.instanceA.createSession();
		session.setAttribute("counter", 1);
		this.instanceA.save(session);
		this.sessionId = session.getId();
	}

	@Test
	void theFallbackCopyOfAMergedSaveHoldsTheOtherInstancesChange() {
		SwitchableSession loadedByA = this.instanceA.findById(this.sessionId);
		SwitchableSession loadedByB = this.instanceB.findById(this.sessionId);
		loadedByB.setAttribute("note-b", "set");
		this.instanceB.save(loadedByB);
		loadedByA.setAttribute("note-a", "set");
		this.instanceA.save(loadedByA);
		assertThat(this.store.held(this.sessionId).getAttributeNames()).as("merged by the store")
			.contains("note-a", "note-b");

		this.instanceA.switchToLocal();
		SwitchableSession servedByA = this.instanceA.findById(this.sessionId);

		assertThat(servedByA.getAttributeNames()).as("the session A serves from its fallback copy")
			.contains("counter", "note-a", "note-b");
	}

	@Test
	void theFallbackCopyOfASaveKeepsTheChangesOfAnEarlierRequestSavedHere() {
		SwitchableSession first = this.instanceA.findById(this.sessionId);
		SwitchableSession second = this.instanceA.findById(this.sessionId);
		first.setAttribute("note-1", "set");
		this.instanceA.save(first);
		second.setAttribute("note-2", "set");
		this.instanceA.save(second);

		assertThat(this.localOfA.findById(this.sessionId).getAttributeNames()).contains("note-1", "note-2");
	}

	/**
	 * A store that applies what a save changed onto the version it holds, and leaves the saved
	 * session object holding the merged version, as a store that merges on write can.
	 */
	private final class MergingStore implements SessionRepository<MergingStore.Merged> {

		private final Map<String, MapSession> sessions = new ConcurrentHashMap<>();

		MapSession held(String id) {
			return this.sessions.get(id);
		}

		@Override
		public Merged createSession() {
			MapSession session = new MapSession(MergedSaveFallbackCopyTests.this.ids);
			return new Merged(session);
		}

		@Override
		public synchronized void save(Merged session) {
			MapSession current = this.sessions.get(session.getId());
			MapSession merged = (current != null) ? new MapSession(current) : new MapSession(session.view);
			session.changes.forEach((name, value) -> merged.setAttribute(name, value));
			if (session.getLastAccessedTime().isAfter(merged.getLastAccessedTime())) {
				merged.setLastAccessedTime(session.getLastAccessedTime());
			}
			this.sessions.put(merged.getId(), merged);
			session.saved(merged);
		}

		@Override
		public @Nullable Merged findById(String id) {
			MapSession held = this.sessions.get(id);
			return (held != null) ? new Merged(new MapSession(held)) : null;
		}

		@Override
		public void deleteById(String id) {
			this.sessions.remove(id);
		}

		/**
		 * A session of the merging store: its view, and what was changed since it was read or saved.
		 */
		private static final class Merged implements Session {

			private MapSession view;

			private final Map<String, @Nullable Object> changes = new LinkedHashMap<>();

			Merged(MapSession view) {
				this.view = view;
			}

			void saved(MapSession merged) {
				this.view = new MapSession(merged);
				this.changes.clear();
			}

			@Override
			public String getId() {
				return this.view.getId();
			}

			@Override
			public String changeSessionId() {
				throw new UnsupportedOperationException("not used by these tests");
			}

			@Override
			public <T> @Nullable T getAttribute(String attributeName) {
				return this.view.getAttribute(attributeName);
			}

			@Override
			public Set<String> getAttributeNames() {
				return this.view.getAttributeNames();
			}

			@Override
			public void setAttribute(String attributeName, @Nullable Object attributeValue) {
				this.view.setAttribute(attributeName, attributeValue);
				this.changes.put(attributeName, attributeValue);
			}

			@Override
			public void removeAttribute(String attributeName) {
				this.view.removeAttribute(attributeName);
				this.changes.put(attributeName, null);
			}

			@Override
			public Instant getCreationTime() {
				return this.view.getCreationTime();
			}

			@Override
			public void setLastAccessedTime(Instant lastAccessedTime) {
				this.view.setLastAccessedTime(lastAccessedTime);
			}

			@Override
			public Instant getLastAccessedTime() {
				return this.view.getLastAccessedTime();
			}

			@Override
			public void setMaxInactiveInterval(Duration interval) {
				this.view.setMaxInactiveInterval(interval);
			}

			@Override
			public Duration getMaxInactiveInterval() {
				return this.view.getMaxInactiveInterval();
			}

			@Override
			public boolean isExpired() {
				return this.view.isExpired();
			}

		}

	}

}
