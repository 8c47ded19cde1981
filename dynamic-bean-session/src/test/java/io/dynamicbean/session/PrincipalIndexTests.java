/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.dynamicbean.session.security.SwitchableSessionRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.MapSession;
import org.springframework.session.MapSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The principal index of the front: what it costs in calls to the store, its bound, and what it does
 * with entries it cannot read and stores that fail.
 */
class PrincipalIndexTests {

	private static final String PRINCIPAL = FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME;

	private final CountingStore store = new CountingStore();

	private SwitchableSessionRepository front;

	@BeforeEach
	void switchIn() {
		this.front = new SwitchableSessionRepository(new LocalSessionRepository());
		this.store.setSessionIdGenerator(this.front.getSessionIdGenerator());
		this.front.switchTo("store", this.store);
	}

	@Test
	void ordinaryRequestOfALoggedInSessionCostsNoIndexWork() {
		String id = logIn("alice");
		this.store.calls.clear();
		Session session = this.front.findById(id);
		session.setAttribute("cart", 3);
		session.setLastAccessedTime(Instant.now());
		this.front.save(session);
		assertThat(this.store.calls).as("store calls of an ordinary request").containsExactly("findById session",
				"save session");
	}

	@Test
	void loginCostsOneReadAndOneWriteOfTheEntry() {
		Session anonymous = this.front.createSession();
		anonymous.setAttribute("csrf", "token");
		this.front.save(anonymous);
		Session session = this.front.findById(anonymous.getId());
		this.store.calls.clear();
		session.changeSessionId();
		session.setAttribute(PRINCIPAL, "alice");
		this.front.save(session);
		assertThat(this.store.calls).as("store calls of the login's save").containsExactly("save session",
				"findById entry", "save entry");
	}

	@Test
	void logoutCostsOneReadAndOneWriteOfTheEntry() {
		String id = logIn("alice");
		this.store.calls.clear();
		this.front.deleteById(id);
		assertThat(this.store.calls).as("store calls of a logout").containsExactly("deleteById session",
				"findById entry", "save entry");
		assertThat(this.front.findByPrincipalName("alice")).isEmpty();
	}

	@Test
	void loginAgainstALimitCostsTheCheckTheAdmissionAndTheExpiryOfTheOldestSession() {
		SwitchableSessionRegistry registry = new SwitchableSessionRegistry(this.front, 1, false);
		String older = logInAgainstLimit(registry, "alice");
		this.store.calls.clear();
		logInAgainstLimit(registry, "alice");
		assertThat(this.store.calls).as("store calls of a login beyond a limit of 1").containsExactly(
				"save session", "findById session",
				"findById entry", "findById session",
				"findById entry", "save entry", "findById entry", "findById session",
				"save session",
				"save session", "findById entry");
		assertThat(registry.getSessionInformation(older).isExpired()).isTrue();
	}

	@Test
	void entryHoldsAtMostItsBoundDroppingTheSessionsIndexedLongestAgo() {
		MutableClock clock = new MutableClock(Instant.now());
		PrincipalIndex index = new PrincipalIndex(this.front.getSessionIdGenerator());
		index.setClock(clock);
		index.setMaxMembers(3);
		SessionRepository<Session> raw = rawStore();
		List<String> ids = List.of(id('a'), id('b'), id('c'), id('d'), id('e'));
		for (String member : ids) {
			index.update(raw, "alice", List.of(member), List.of());
			clock.advance(Duration.ofSeconds(1));
		}
		assertThat(index.members(raw, "alice")).as("members of the bounded entry").containsOnlyKeys(ids.subList(2, 5));
	}

	@Test
	void unreadableEntryIsRebuiltFromTheMembersThatCanBeRead() {
		String kept = logIn("alice");
		MapSession entry = this.store.findById(PrincipalIndex.entryId("alice"));
		entry.setAttribute(id('x'), "not a time");
		entry.setAttribute("not-an-id.", 42L);
		this.store.save(entry);
		assertThat(this.front.findByPrincipalName("alice")).as("sessions of an entry with unreadable members")
			.containsOnlyKeys(kept);
		String next = logIn("alice");
		Session rebuilt = this.store.findById(PrincipalIndex.entryId("alice"));
		assertThat(rebuilt.getAttributeNames()).as("attributes of the rebuilt entry")
			.containsExactlyInAnyOrder(PrincipalIndex.NAME_ATTRIBUTE, kept, next);
	}

	@Test
	void entryOfAnotherNameUnderTheSameIdCountsAsEmpty() {
		String id = logIn("alice");
		MapSession entry = this.store.findById(PrincipalIndex.entryId("alice"));
		entry.setAttribute(PrincipalIndex.NAME_ATTRIBUTE, "mallory");
		this.store.save(entry);
		assertThat(this.front.findByPrincipalName("alice")).as("sessions of alice from mallory's entry").isEmpty();
		assertThat(this.front.findById(id)).as("alice's session itself").isNotNull();
	}

	@Test
	void entryIsNoSessionForAClient() {
		logIn("alice");
		String entryId = PrincipalIndex.entryId("alice");
		assertThat(SessionIds.isInternal(entryId)).as("entry id is internal").isTrue();
		assertThat(entryId).hasSize(36);
		assertThat(this.front.findById(entryId)).as("entry looked up as a session").isNull();
	}

	@Test
	void failingIndexNeverFailsTheLoginAndTheSessionIsIndexedAtItsNextLogin() {
		this.store.failEntries = true;
		String id = logIn("alice");
		assertThat(this.front.findById(id)).as("session of a login whose indexing failed").isNotNull();
		this.store.failEntries = false;
		assertThat(this.front.findByPrincipalName("alice")).as("sessions while the entry was never written").isEmpty();
		Session session = this.front.findById(id);
		String newId = session.changeSessionId();
		this.front.save(session);
		assertThat(this.front.findByPrincipalName("alice")).containsOnlyKeys(newId);
	}

	@Test
	void principalWithThousandsOfSessionsAndThousandsOfPrincipalsKeepEntriesBounded() {
		PrincipalIndex index = new PrincipalIndex(this.front.getSessionIdGenerator());
		SessionRepository<Session> raw = rawStore();
		for (int i = 0; i < 3_000; i++) {
			index.update(raw, "busy", List.of(java.util.UUID.randomUUID().toString()), List.of());
			index.update(raw, "user-" + i, List.of(java.util.UUID.randomUUID().toString()), List.of());
		}
		assertThat(index.members(raw, "busy")).hasSize(PrincipalIndex.DEFAULT_MAX_MEMBERS);
		assertThat(index.members(raw, "user-2999")).hasSize(1);
	}

	private String logIn(String user) {
		Session anonymous = this.front.createSession();
		anonymous.setAttribute("csrf", "token");
		this.front.save(anonymous);
		Session session = this.front.findById(anonymous.getId());
		session.changeSessionId();
		session.setAttribute(PRINCIPAL, user);
		this.front.save(session);
		return session.getId();
	}

	/**
	 * Log in as Spring Security does with concurrency control: check, change the id, register,
	 * save the login.
	 */
	private String logInAgainstLimit(SwitchableSessionRegistry registry, String user) {
		Session anonymous = this.front.createSession();
		this.front.save(anonymous);
		Session session = this.front.findById(anonymous.getId());
		registry.getAllSessions(user, false);
		session.changeSessionId();
		registry.registerNewSession(session.getId(), user);
		session.setAttribute(PRINCIPAL, user);
		this.front.save(session);
		return session.getId();
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private SessionRepository<Session> rawStore() {
		return (SessionRepository) this.store;
	}

	private static String id(char c) {
		return String.valueOf(c).repeat(32);
	}

	/**
	 * A map store that records each call as "operation session" or "operation entry" (the epoch
	 * marker left out), and can fail every call on index entries.
	 */
	static final class CountingStore extends MapSessionRepository {

		final List<String> calls = new CopyOnWriteArrayList<>();

		volatile boolean failEntries;

		CountingStore() {
			super(new ConcurrentHashMap<>());
		}

		private void record(String operation, @Nullable String id) {
			if (StoreEpochs.MARKER_ID.equals(id)) {
				return;
			}
			boolean entry = id != null && id.startsWith(PrincipalIndex.ENTRY_ID_PREFIX);
			if (entry && this.failEntries) {
				throw new IllegalStateException("node down");
			}
			this.calls.add(operation + (entry ? " entry" : " session"));
		}

		@Override
		public void save(MapSession session) {
			record("save", session.getId());
			super.save(session);
		}

		@Override
		public @Nullable MapSession findById(String id) {
			record("findById", id);
			return super.findById(id);
		}

		@Override
		public void deleteById(String id) {
			record("deleteById", id);
			super.deleteById(id);
		}

	}


}
