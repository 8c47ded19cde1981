/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.session.MapSession;
import org.springframework.session.SessionRepository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the local versions a front brings into its store when the store is switched in again
 * (window W16 of docs/consistency.md), against requests of the same session in flight meanwhile:
 * each interleaving is forced with latches, so each test fails on a front without the guard it
 * names.
 */
class LocalVersionsBroughtInTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final PreservingSessionIdGenerator ids = new PreservingSessionIdGenerator();

	private final FlakySessionRepository store = new FlakySessionRepository().withSessionIdGenerator(this.ids);

	private final Interleaving interleaving = new Interleaving(this.store);

	private final LocalSessionRepository local = new LocalSessionRepository();

	private final SwitchableSessionRepository front = new SwitchableSessionRepository(this.local, this.ids);

	private String sessionId;

	/**
	 * A session in the store with counter 0, then changed to 1 while the front served from its local
	 * store: a local version waiting to be brought in.
	 */
	@BeforeEach
	void localVersionOfAStoredSession() {
		this.front.switchTo("memcached", this.interleaving);
		SwitchableSession session = this.front.createSession();
		session.setAttribute("counter", 0);
		this.front.save(session);
		this.sessionId = session.getId();
		this.front.switchToLocal();
		SwitchableSession served = this.front.findById(this.sessionId);
		served.setAttribute("counter", 1);
		this.front.save(served);
		assertThat(this.local.getLocalOnlyCount()).as("local versions held").isEqualTo(1);
	}

	@Test
	void aSaveOfTheSessionWhileItIsBroughtInIsKeptNotReplacedByTheFallbackCopy() throws Exception {
		SwitchableSession inFlight = this.front.findById(this.sessionId);
		inFlight.setAttribute("counter", 2);
		this.interleaving.holdNextSave();

		CompletableFuture<Void> switchIn = CompletableFuture
			.runAsync(() -> this.front.switchTo("memcached", this.interleaving));
		this.interleaving.awaitSaveHeld();
		Thread request = new Thread(() -> this.front.save(inFlight));
		request.start();
		await().atMost(WAIT).until(() -> !request.isAlive() || request.getState() == Thread.State.BLOCKED);
		this.interleaving.releaseSave();
		switchIn.get(WAIT.toSeconds(), TimeUnit.SECONDS);
		request.join(WAIT.toMillis());

		assertThat(this.front.findById(this.sessionId).<Integer>getAttribute("counter"))
			.as("the counter saved while the local version was brought in").isEqualTo(2);
		assertThat(this.store.sessions().get(this.sessionId).<Integer>getAttribute("counter")).isEqualTo(2);
	}

	@Test
	void aLookUpThatReadTheStoreBeforeTheLocalVersionWasBroughtInIsNotServedThatOlderRead() throws Exception {
		AtomicReference<@Nullable SwitchableSession> found = new AtomicReference<>();
		Thread request = new Thread(() -> {
			await().atMost(WAIT).until(this.front::isRemoteActive);
			found.set(this.front.findById(this.sessionId));
		});
		this.interleaving.holdReadsOf(this.sessionId, request);
		request.start();

		this.front.switchTo("memcached", this.interleaving);
		this.interleaving.releaseRequestRead();
		request.join(WAIT.toMillis());

		assertThat(found.get()).isNotNull();
		assertThat(found.get().<Integer>getAttribute("counter"))
			.as("the counter served to the request that read the store before the local version reached it")
			.isEqualTo(1);
	}

	/**
	 * The store, with latches in the way: a save held until released; or a request thread's read of
	 * a session held after it read, with the front's own reads of it held until that read is made.
	 */
	private static final class Interleaving implements SessionRepository<MapSession> {

		private final FlakySessionRepository store;

		private volatile boolean holdNextSave;

		private final CountDownLatch saveHeld = new CountDownLatch(1);

		private final CountDownLatch saveReleased = new CountDownLatch(1);

		private volatile @Nullable String heldId;

		private volatile @Nullable Thread requestThread;

		private final CountDownLatch requestRead = new CountDownLatch(1);

		private final CountDownLatch requestReleased = new CountDownLatch(1);

		Interleaving(FlakySessionRepository store) {
			this.store = store;
		}

		void holdNextSave() {
			this.holdNextSave = true;
		}

		void awaitSaveHeld() throws InterruptedException {
			assertThat(this.saveHeld.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("a save reached the store").isTrue();
		}

		void releaseSave() {
			this.saveReleased.countDown();
		}

		void holdReadsOf(String id, Thread request) {
			this.heldId = id;
			this.requestThread = request;
		}

		void releaseRequestRead() {
			this.requestReleased.countDown();
		}

		@Override
		public MapSession createSession() {
			return this.store.createSession();
		}

		@Override
		public void save(MapSession session) {
			if (this.holdNextSave && !StoreEpochs.MARKER_ID.equals(session.getId())) {
				this.holdNextSave = false;
				this.saveHeld.countDown();
				await(this.saveReleased);
			}
			this.store.save(session);
		}

		@Override
		public @Nullable MapSession findById(String id) {
			if (!id.equals(this.heldId)) {
				return this.store.findById(id);
			}
			if (Thread.currentThread() != this.requestThread) {
				await(this.requestRead);
				return this.store.findById(id);
			}
			MapSession read = this.store.findById(id);
			this.requestRead.countDown();
			await(this.requestReleased);
			return read;
		}

		@Override
		public void deleteById(String id) {
			this.store.deleteById(id);
		}

		private static void await(CountDownLatch latch) {
			try {
				assertThat(latch.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("released").isTrue();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

	}

}
