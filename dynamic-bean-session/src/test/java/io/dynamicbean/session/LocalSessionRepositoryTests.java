/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.session.MapSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link LocalSessionRepository}.
 */
class LocalSessionRepositoryTests {

	private static final Instant START = Instant.parse("2026-01-01T10:00:00Z");

	private final MutableClock clock = new MutableClock(START);

	private LocalSessionRepository repository;

	@BeforeEach
	void createRepository() {
		this.repository = new LocalSessionRepository(3);
		this.repository.setClock(this.clock);
	}

	@Test
	void createsSessionsWithDefaultMaxInactiveIntervalAndClockTimes() {
		MapSession session = this.repository.createSession();

		assertThat(session.getMaxInactiveInterval()).isEqualTo(Duration.ofMinutes(30));
		assertThat(session.getCreationTime()).isEqualTo(START);
		assertThat(session.getLastAccessedTime()).isEqualTo(START);
		assertThat(session.getId()).as("UUID session id").hasSize(36);
	}

	@Test
	void createdSessionIsNotStoredUntilSaved() {
		MapSession session = this.repository.createSession();

		assertThat(this.repository.findById(session.getId())).isNull();
	}

	@Test
	void findsSavedSessionWithItsAttributes() {
		MapSession session = this.repository.createSession();
		session.setAttribute("user", "alice");
		this.repository.save(session);

		MapSession found = this.repository.findById(session.getId());

		assertThat(found).isNotNull();
		assertThat(found.<String>getAttribute("user")).isEqualTo("alice");
	}

	@Test
	void returnsCopiesThatChangeNothingUntilSaved() {
		MapSession session = this.repository.createSession();
		this.repository.save(session);

		this.repository.findById(session.getId()).setAttribute("user", "mallory");

		assertThat(this.repository.findById(session.getId()).<String>getAttribute("user"))
			.as("attribute set on an unsaved copy").isNull();
	}

	@Test
	void neverReturnsExpiredSession() {
		MapSession session = this.repository.createSession();
		session.setMaxInactiveInterval(Duration.ofMinutes(5));
		this.repository.save(session);

		this.clock.advance(Duration.ofMinutes(5));

		assertThat(this.repository.findById(session.getId())).as("session inactive for its max interval").isNull();
		assertThat(this.repository.size()).as("expired session removed when found").isZero();
	}

	@Test
	void returnsSessionJustBeforeItExpires() {
		MapSession session = this.repository.createSession();
		session.setMaxInactiveInterval(Duration.ofMinutes(5));
		this.repository.save(session);

		this.clock.advance(Duration.ofMinutes(5).minusMillis(1));

		assertThat(this.repository.findById(session.getId())).isNotNull();
	}

	@Test
	void sessionWithNegativeMaxInactiveIntervalNeverExpires() {
		MapSession session = this.repository.createSession();
		session.setMaxInactiveInterval(Duration.ofSeconds(-1));
		this.repository.save(session);

		this.clock.advance(Duration.ofDays(365));

		assertThat(this.repository.findById(session.getId())).isNotNull();
	}

	@Test
	void purgesExpiredSessionsOnFirstAccessAfterPurgeInterval() {
		this.repository.setPurgeInterval(Duration.ofMinutes(1));
		MapSession expiring = this.repository.createSession();
		expiring.setMaxInactiveInterval(Duration.ofSeconds(30));
		this.repository.save(expiring);
		this.clock.advance(Duration.ofSeconds(40));

		this.repository.findById("unknown");
		assertThat(this.repository.size()).as("before the purge interval has passed").isEqualTo(1);

		this.clock.advance(Duration.ofSeconds(30));
		this.repository.findById("unknown");
		assertThat(this.repository.size()).as("after the purge interval has passed").isZero();
	}

	@Test
	void purgeExpiredSessionsRemovesThemAtOnce() {
		MapSession expiring = this.repository.createSession();
		expiring.setMaxInactiveInterval(Duration.ofSeconds(30));
		this.repository.save(expiring);
		this.repository.save(this.repository.createSession());
		this.clock.advance(Duration.ofSeconds(30));

		assertThat(this.repository.purgeExpiredSessions()).isEqualTo(1);
		assertThat(this.repository.size()).isEqualTo(1);
	}

	@Test
	void evictsLeastRecentlyUsedSessionBeyondMaxSessions() {
		MapSession first = save();
		MapSession second = save();
		MapSession third = save();
		this.repository.findById(first.getId());

		MapSession fourth = save();

		assertThat(this.repository.size()).isEqualTo(3);
		assertThat(this.repository.findById(second.getId())).as("least recently used session").isNull();
		assertThat(this.repository.findById(first.getId())).as("recently read session").isNotNull();
		assertThat(this.repository.findById(third.getId())).isNotNull();
		assertThat(this.repository.findById(fourth.getId())).isNotNull();
		assertThat(this.repository.getEvictionCount()).isEqualTo(1);
	}

	@Test
	void savingSessionWithChangedIdRemovesItsOriginalId() {
		MapSession session = save();
		String originalId = session.getId();
		MapSession found = this.repository.findById(originalId);

		String changedId = found.changeSessionId();
		this.repository.save(found);

		assertThat(this.repository.findById(originalId)).as("session under its original id").isNull();
		assertThat(this.repository.findById(changedId)).isNotNull();
		assertThat(this.repository.size()).isEqualTo(1);
	}

	@Test
	void deletesById() {
		MapSession session = save();

		this.repository.deleteById(session.getId());

		assertThat(this.repository.findById(session.getId())).isNull();
	}

	@Test
	void remembersWhetherSessionIsFallbackCopy() {
		MapSession own = save();
		MapSession copy = this.repository.createSession();
		this.repository.store(copy, null, true);

		assertThat(this.repository.findStored(own.getId()).fallbackCopy()).isFalse();
		assertThat(this.repository.findStored(copy.getId()).fallbackCopy()).isTrue();
	}

	@Test
	void rejectsMaxSessionsBelowOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> new LocalSessionRepository(0))
			.withMessageContaining("dynamic-bean.session.local.max-sessions");
	}

	@Test
	void rejectsAByteBudgetBelowOneKilobyteNamingTheProperty() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.repository.setMaxBytes(1023))
			.withMessage("dynamic-bean.session.local.max-bytes must be at least 1024 bytes (1KB), got 1023: set it "
					+ "to a size such as 64MB");
		assertThatIllegalArgumentException().isThrownBy(() -> this.repository.setMaxPendingDeletionBytes(0))
			.withMessageStartingWith("dynamic-bean.session.local.max-pending-deletion-bytes must be at least 1024");
	}

	@Test
	void anonymousSessionsAreEvictedBeforeLoggedInOnes() {
		MapSession login = this.repository.createSession();
		login.setAttribute(EstablishedSessions.SECURITY_CONTEXT_ATTRIBUTE, "alice");
		this.repository.save(login);

		for (int i = 0; i < 10; i++) {
			save();
		}

		assertThat(this.repository.findById(login.getId())).as("least recently used, but logged in").isNotNull();
		assertThat(this.repository.getEstablishedEvictionCount()).isZero();
	}

	@Test
	void evictsBeyondTheByteBudget() {
		this.repository = new LocalSessionRepository(1_000);
		this.repository.setMaxBytes(64 * 1024);
		for (int i = 0; i < 100; i++) {
			MapSession session = this.repository.createSession();
			session.setAttribute("name", "x".repeat(4_000));
			this.repository.save(session);
		}

		assertThat(this.repository.getEstimatedBytes()).isLessThanOrEqualTo(64 * 1024);
		assertThat(this.repository.size()).isBetween(1, 8);
	}

	@Test
	void staysWithinMaxSessionsUnderConcurrentUse() throws Exception {
		LocalSessionRepository shared = new LocalSessionRepository(100);
		ExecutorService executor = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int thread = 0; thread < 8; thread++) {
				futures.add(executor.submit(() -> {
					for (int i = 0; i < 2_000; i++) {
						MapSession session = shared.createSession();
						session.setAttribute("i", i);
						shared.save(session);
						MapSession found = shared.findById(session.getId());
						if (found != null) {
							found.changeSessionId();
							shared.save(found);
						}
					}
				}));
			}
			for (Future<?> future : futures) {
				future.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(shared.size()).as("sessions held after 16,000 saves").isEqualTo(100);
		assertThat(shared.getEvictionCount()).isGreaterThanOrEqualTo(8 * 2_000 - 100);
	}

	private MapSession save() {
		MapSession session = this.repository.createSession();
		this.repository.save(session);
		return session;
	}

}
