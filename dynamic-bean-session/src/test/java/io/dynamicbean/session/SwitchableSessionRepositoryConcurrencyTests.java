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
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for a {@link SwitchableSessionRepository} used by many request threads while its remote
 * store is switched in, fails, loses everything, and is switched out and in again.
 */
class SwitchableSessionRepositoryConcurrencyTests {

	private static final int USERS = 8;

	private static final int REQUESTS_PER_PHASE = 300;

	private final LocalSessionRepository local = new LocalSessionRepository();

	private final SwitchableSessionRepository repository = new SwitchableSessionRepository(this.local);

	private final FlakySessionRepository remote = new FlakySessionRepository()
		.withSessionIdGenerator(this.repository.getSessionIdGenerator());

	private final ExecutorService executor = Executors.newFixedThreadPool(USERS);

	private final AtomicInteger requests = new AtomicInteger();

	private final AtomicInteger remoteFailures = new AtomicInteger();

	private volatile boolean stopped;

	@AfterEach
	void stopThreads() {
		this.stopped = true;
		this.executor.shutdownNow();
	}

	@Test
	void losesNoAttributeWhileTheStoreIsSwitchedFailsAndRestarts() throws Exception {
		this.repository.setRemoteFailureHandler((storeName, ex) -> this.remoteFailures.incrementAndGet());
		List<Future<User>> users = new ArrayList<>();
		for (int i = 0; i < USERS; i++) {
			users.add(this.executor.submit(this::browse));
		}

		switchAroundUnderLoad();
		this.stopped = true;

		for (Future<User> future : users) {
			User user = future.get(30, TimeUnit.SECONDS);
			SwitchableSession session = this.repository.findById(user.sessionId());
			assertThat(session).as("session of a user after %d requests", user.requests()).isNotNull();
			assertThat(session.<Integer>getAttribute("counter")).as("counter after %d requests", user.requests())
				.isEqualTo(user.requests());
			assertThat(this.repository.storeOf(session)).isEqualTo("memcached");
			assertThat(this.remote.sessions()).containsKey(user.sessionId());
		}
		assertThat(this.remoteFailures).as("remote failures seen by requests").hasPositiveValue();
	}

	/**
	 * One user: a session whose counter goes up by one per request, as a controller would do it,
	 * until the test stops.
	 */
	private User browse() {
		SwitchableSession created = this.repository.createSession();
		created.setAttribute("counter", 0);
		this.repository.save(created);
		String id = created.getId();
		int request = 0;
		while (!this.stopped) {
			request++;
			SwitchableSession session = this.repository.findById(id);
			assertThat(session).as("session at request %d", request).isNotNull();
			session.setLastAccessedTime(Instant.now());
			int counter = session.<Integer>getAttribute("counter");
			assertThat(counter).as("counter read at request %d", request).isEqualTo(request - 1);
			session.setAttribute("counter", counter + 1);
			this.repository.save(session);
			this.requests.incrementAndGet();
		}
		return new User(id, request);
	}

	private void switchAroundUnderLoad() {
		awaitMoreRequests();
		this.repository.switchTo("memcached", this.remote);
		awaitMoreRequests();
		this.remote.down();
		awaitMoreRequests();
		this.remote.up();
		awaitMoreRequests();
		this.repository.switchToLocal();
		awaitMoreRequests();
		this.remote.restartEmpty();
		this.repository.switchTo("memcached", this.remote);
		awaitMoreRequests();
		this.remote.restartEmpty();
		awaitMoreRequests();
	}

	private void awaitMoreRequests() {
		int target = this.requests.get() + REQUESTS_PER_PHASE;
		await().pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(30))
			.until(() -> this.requests.get() >= target);
	}

	private record User(String sessionId, int requests) {
	}

}
