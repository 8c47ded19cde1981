/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.session.MapSession;
import org.springframework.session.MapSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionIdGenerator;
import org.springframework.session.SessionRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the fallback copies of a {@link SwitchableSessionRepository} over a store that loses
 * data in part ({@link DataGenerationAware}): a session the store misses is restored when the part
 * holding it has a new generation, though the store's epoch marker, kept in another part, did not
 * change.
 */
class DataGenerationTests {

	private final LocalSessionRepository local = new LocalSessionRepository();

	private final SwitchableSessionRepository front = new SwitchableSessionRepository(this.local);

	private final PartlyLosingStore store = new PartlyLosingStore(this.front.getSessionIdGenerator());

	@BeforeEach
	void switchToStore() {
		this.front.switchTo("cluster", this.store);
	}

	@Test
	void aSessionWhosePartOfTheStoreRestartedEmptyIsRestoredThoughTheMarkerSurvived() {
		String id = login("alice");

		this.store.loseWithNewGeneration(id);
		SwitchableSession found = this.front.findById(id);

		assertThat(found).as("session restored from the fallback copy").isNotNull();
		assertThat(found.<String>getAttribute("user")).isEqualTo("alice");
		assertThat(this.store.sessions).as("sessions back in the store").containsKey(id);
	}

	@Test
	void aSessionMissingFromAPartThatKeptItsGenerationIsTakenForDeletedOnPurpose() {
		String id = login("alice");

		this.store.lose(id);

		assertThat(this.front.findById(id)).isNull();
		assertThat(this.local.findStored(id)).as("fallback copy dropped").isNull();
	}

	@Test
	void aStoreThatCannotTellTheGenerationLeavesTheDecisionToTheMarker() {
		this.store.generation = null;
		String id = login("alice");

		this.store.generation = "g2";
		this.store.lose(id);

		assertThat(this.front.findById(id)).isNull();
	}

	@Test
	void aStoreWhoseGenerationFailsIsReadAsNotTellingAndServesTheRequest() {
		this.store.failGenerations = true;
		String id = login("alice");

		SwitchableSession found = this.front.findById(id);

		assertThat(found).isNotNull();
		assertThat(this.front.storeOf(found)).isEqualTo("cluster");
		this.store.lose(id);
		assertThat(this.front.findById(id)).isNull();
	}

	private String login(String user) {
		SwitchableSession session = this.front.createSession();
		session.setAttribute("user", user);
		this.front.save(session);
		assertThat(this.local.findStored(session.getId()).fallbackCopy()).isTrue();
		return session.getId();
	}

	/**
	 * A store whose sessions all live in one part, whose generation the test sets.
	 */
	private static final class PartlyLosingStore implements SessionRepository<MapSession>, DataGenerationAware {

		private final Map<String, Session> sessions = new ConcurrentHashMap<>();

		private final MapSessionRepository delegate = new MapSessionRepository(this.sessions);

		private volatile @Nullable String generation = "g1";

		private volatile boolean failGenerations;

		PartlyLosingStore(SessionIdGenerator sessionIdGenerator) {
			this.delegate.setSessionIdGenerator(sessionIdGenerator);
		}

		void lose(String id) {
			this.sessions.remove(id);
		}

		void loseWithNewGeneration(String id) {
			lose(id);
			this.generation = "g2";
		}

		@Override
		public @Nullable String dataGenerationOf(String sessionId) {
			if (this.failGenerations) {
				throw new IllegalStateException("cannot tell");
			}
			return this.generation;
		}

		@Override
		public MapSession createSession() {
			return this.delegate.createSession();
		}

		@Override
		public void save(MapSession session) {
			this.delegate.save(session);
		}

		@Override
		public @Nullable MapSession findById(String id) {
			return this.delegate.findById(id);
		}

		@Override
		public void deleteById(String id) {
			this.delegate.deleteById(id);
		}

	}

}
