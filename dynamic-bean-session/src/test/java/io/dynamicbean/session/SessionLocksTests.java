/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SessionLocks}.
 */
class SessionLocksTests {

	private final SessionLocks locks = new SessionLocks();

	/**
	 * The interleaving that broke a map of locks removed in {@code finally}: A holds the lock while
	 * B waits for it; A leaves (and such a map dropped the lock); B enters; C arrives while B is
	 * inside. C must wait for B.
	 */
	@Test
	void aThirdThreadWaitsWhileASecondHoldsTheLockTheFirstReleased() throws Exception {
		AtomicInteger inside = new AtomicInteger();
		AtomicInteger mostInside = new AtomicInteger();
		CountDownLatch aEntered = new CountDownLatch(1);
		CountDownLatch releaseA = new CountDownLatch(1);
		CountDownLatch bEntered = new CountDownLatch(1);
		CountDownLatch releaseB = new CountDownLatch(1);

		CompletableFuture<Void> a = CompletableFuture.runAsync(() -> this.locks.withLock("session", () -> {
			enter(inside, mostInside);
			aEntered.countDown();
			awaitRelease(releaseA);
			inside.decrementAndGet();
			return null;
		}));
		assertThat(aEntered.await(10, TimeUnit.SECONDS)).isTrue();
		Thread bThread = new Thread(() -> this.locks.withLock("session", () -> {
			enter(inside, mostInside);
			bEntered.countDown();
			awaitRelease(releaseB);
			inside.decrementAndGet();
			return null;
		}));
		bThread.start();
		await().atMost(10, TimeUnit.SECONDS).until(() -> bThread.getState() == Thread.State.BLOCKED);
		releaseA.countDown();
		a.get(10, TimeUnit.SECONDS);
		assertThat(bEntered.await(10, TimeUnit.SECONDS)).isTrue();

		CountDownLatch cEntered = new CountDownLatch(1);
		Thread cThread = new Thread(() -> this.locks.withLock("session", () -> {
			enter(inside, mostInside);
			cEntered.countDown();
			inside.decrementAndGet();
			return null;
		}));
		cThread.start();
		await().atMost(10, TimeUnit.SECONDS)
			.until(() -> cThread.getState() == Thread.State.BLOCKED || cEntered.getCount() == 0);
		assertThat(cEntered.getCount()).as("C entered while B held the lock of the same session").isEqualTo(1);

		releaseB.countDown();
		assertThat(cEntered.await(10, TimeUnit.SECONDS)).isTrue();
		bThread.join(10_000);
		cThread.join(10_000);
		assertThat(mostInside).as("threads inside the lock of one session at once").hasValue(1);
	}

	@Test
	void manyThreadsOnOneIdNeverOverlap() throws Exception {
		AtomicInteger inside = new AtomicInteger();
		AtomicInteger mostInside = new AtomicInteger();
		CompletableFuture<?>[] threads = new CompletableFuture<?>[16];
		for (int t = 0; t < threads.length; t++) {
			threads[t] = CompletableFuture.runAsync(() -> {
				for (int i = 0; i < 2_000; i++) {
					this.locks.withLock("session", () -> {
						enter(inside, mostInside);
						inside.decrementAndGet();
						return null;
					});
				}
			}, runnable -> new Thread(runnable).start());
		}
		CompletableFuture.allOf(threads).get(60, TimeUnit.SECONDS);
		assertThat(mostInside).as("threads inside the lock of one session at once").hasValue(1);
	}

	@Test
	void isReentrant() {
		assertThat(this.locks.withLock("session", () -> this.locks.withLock("session", () -> "inner"))).isEqualTo("inner");
	}

	private static void enter(AtomicInteger inside, AtomicInteger mostInside) {
		int now = inside.incrementAndGet();
		mostInside.accumulateAndGet(now, Math::max);
	}

	private static void awaitRelease(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
