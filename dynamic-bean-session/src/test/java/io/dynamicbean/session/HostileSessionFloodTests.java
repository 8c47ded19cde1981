/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that no flood of sessions from other clients makes a {@link SwitchableSessionRepository}
 * evict a login or forget a logout, whatever the bounds of its memory.
 */
class HostileSessionFloodTests {

	private static final String SECURITY_CONTEXT = EstablishedSessions.SECURITY_CONTEXT_ATTRIBUTE;

	private static final String CSRF_TOKEN = "org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository"
			+ ".CSRF_TOKEN";

	private static final int FLOOD = 12_000;

	private final MutableClock clock = new MutableClock(Instant.now());

	private final LocalSessionRepository local = new LocalSessionRepository();

	private final SwitchableSessionRepository front = new SwitchableSessionRepository(this.local);

	private final FlakySessionRepository remote = new FlakySessionRepository()
		.withSessionIdGenerator(this.front.getSessionIdGenerator());

	@BeforeEach
	void useTheTestClock() {
		this.local.setClock(this.clock);
	}

	@Test
	void anonymousSessionsCreatedDuringAnOutageEvictNoLoggedInSession() {
		List<String> logins = logInRemotely(100);
		this.remote.down();

		List<String> anonymous = createAnonymousSessions(FLOOD);

		assertThat(logins).as("logged-in sessions served from their local copies after %,d anonymous sessions", FLOOD)
			.allSatisfy((id) -> assertThat(this.front.findById(id)).as("session %s", id).isNotNull());
		assertThat(this.local.size()).isEqualTo(LocalSessionRepository.DEFAULT_MAX_SESSIONS);
		assertThat(this.local.getEstablishedEvictionCount()).isZero();
		assertThat(this.front.findById(anonymous.get(FLOOD - 1))).as("the latest anonymous session").isNotNull();
	}

	@Test
	void anonymousSessionsBeyondTheByteBudgetEvictNoLoggedInSession() {
		this.local.setMaxBytes(2L * 1024 * 1024);
		List<String> logins = logInRemotely(100);
		this.remote.down();

		createAnonymousSessions(FLOOD);

		assertThat(this.local.getEstimatedBytes()).as("estimated bytes held").isLessThanOrEqualTo(2L * 1024 * 1024);
		assertThat(this.local.size()).as("sessions held").isLessThan(FLOOD);
		assertThat(logins).allSatisfy((id) -> assertThat(this.front.findById(id)).as("session %s", id).isNotNull());
	}

	@Test
	void loggedInSessionsAreEvictedOnlyWhenTheyAloneExceedTheBudget() {
		LocalSessionRepository small = new LocalSessionRepository(10);
		small.setClock(this.clock);
		SwitchableSessionRepository front = new SwitchableSessionRepository(small);
		List<String> logins = new ArrayList<>();
		for (int i = 0; i < 11; i++) {
			SwitchableSession session = front.createSession();
			session.setAttribute(SECURITY_CONTEXT, "user-" + i);
			front.save(session);
			logins.add(session.getId());
		}

		assertThat(small.getEstablishedEvictionCount()).isEqualTo(1);
		assertThat(front.findById(logins.get(0))).as("least recently used login").isNull();
		assertThat(front.findById(logins.get(10))).isNotNull();
	}

	@Test
	void createAndLogoutCyclesOfOtherClientsForgetNoVictimsLogout() {
		String victim = logInRemotely(1).get(0);
		this.remote.down();
		this.front.deleteById(victim);

		for (int i = 0; i < FLOOD; i++) {
			SwitchableSession session = this.front.createSession();
			session.setAttribute(CSRF_TOKEN, "token-" + i);
			this.front.save(session);
			this.front.deleteById(session.getId());
		}
		this.remote.up();

		assertThat(this.front.findById(victim)).as("the victim's session after the store returns").isNull();
		assertThat(this.remote.sessions()).as("sessions in the store").doesNotContainKey(victim);
	}

	@Test
	void logoutsOfSessionsBornDuringTheOutageNeedNoPendingDeletion() {
		this.front.switchTo("memcached", this.remote);
		this.remote.down();

		for (int i = 0; i < 100; i++) {
			SwitchableSession session = this.front.createSession();
			this.front.save(session);
			this.front.deleteById(session.getId());
		}

		assertThat(this.local.pendingDeletions().ids()).isEmpty();
	}

	@Test
	void logoutsOfAnonymousSessionsFromTheStoreBeyondTheBudgetForgetNoLoggedInLogout() {
		this.local.setMaxPendingDeletionBytes(64 * 1024);
		String victim = logInRemotely(1).get(0);
		List<String> anonymous = createAnonymousSessions(2_000);
		this.remote.down();
		this.front.deleteById(victim);

		anonymous.forEach(this.front::deleteById);
		this.remote.up();

		assertThat(this.local.pendingDeletions().bytes()).isLessThanOrEqualTo(64 * 1024);
		assertThat(this.local.pendingDeletions().forgottenCount()).isZero();
		assertThat(this.front.findById(victim)).as("the victim's session after the store returns").isNull();
		assertThat(this.remote.sessions()).doesNotContainKey(victim);
	}

	@Test
	void whenLoggedInLogoutsAloneExceedTheBudgetSessionsUsedBeforeAForgottenOneAreRefused() {
		this.local.setMaxPendingDeletionBytes(LocalSessionRepository.MIN_MAX_BYTES);
		List<String> logins = logInRemotely(20);
		this.clock.advance(Duration.ofMinutes(1));
		this.remote.down();

		logins.forEach(this.front::deleteById);
		this.remote.up();

		assertThat(this.local.pendingDeletions().forgottenCount()).as("logouts dropped").isPositive();
		assertThat(logins).as("logged-out sessions after the store returns")
			.allSatisfy((id) -> assertThat(this.front.findById(id)).as("session %s", id).isNull());
	}

	@Test
	void aSessionRefusedAsTooLargeCountsAgainstTheByteBudget() {
		this.local.setMaxBytes(1024 * 1024);
		this.front.switchTo("memcached", this.remote);
		this.remote.refuseSaves();

		SwitchableSession first = refusedSession(600_000);
		assertThat(this.local.getEstimatedBytes()).as("estimated bytes with one refused session")
			.isGreaterThan(600_000);
		SwitchableSession second = refusedSession(600_000);

		assertThat(this.local.getEstimatedBytes()).isLessThanOrEqualTo(1024 * 1024);
		assertThat(this.local.findById(first.getId())).as("the least recently used refused session").isNull();
		assertThat(this.local.findById(second.getId())).isNotNull();
	}

	private SwitchableSession refusedSession(int bytes) {
		SwitchableSession session = this.front.createSession();
		session.setAttribute("upload", new byte[bytes]);
		this.front.save(session);
		return session;
	}

	private List<String> logInRemotely(int count) {
		this.front.switchTo("memcached", this.remote);
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			SwitchableSession session = this.front.createSession();
			session.setAttribute(SECURITY_CONTEXT, "user-" + i);
			this.front.save(session);
			ids.add(session.getId());
		}
		return ids;
	}

	private List<String> createAnonymousSessions(int count) {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			SwitchableSession session = this.front.createSession();
			session.setAttribute(CSRF_TOKEN, "token-" + i);
			this.front.save(session);
			ids.add(session.getId());
		}
		return ids;
	}

}
