/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link StoreFailureTracker}: one record of whether each store answers.
 */
class StoreFailureTrackerTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T06:00:00Z"));

	private final StoreFailureTracker tracker = new StoreFailureTracker();

	private final List<String> events = new CopyOnWriteArrayList<>();

	StoreFailureTrackerTests() {
		this.tracker.setClock(this.clock);
		this.tracker.addListener(new RemoteStoreListener() {

			@Override
			public void onFailure(String storeName, RuntimeException ex) {
				StoreFailureTrackerTests.this.events.add("failure " + storeName);
			}

			@Override
			public void onSuccess(String storeName) {
				StoreFailureTrackerTests.this.events.add("success " + storeName);
			}

			@Override
			public void onAnsweringAgain(String storeName) {
				StoreFailureTrackerTests.this.events.add("answering again " + storeName);
			}

		});
	}

	@Test
	void aStoreIsFailingSinceItsFirstFailedCall() {
		assertThat(this.tracker.failed("redis", "findById", new IllegalStateException("down"))).as("outage starts")
			.isTrue();
		Instant first = this.clock.instant();
		this.clock.advance(java.time.Duration.ofSeconds(5));

		assertThat(this.tracker.failed("redis", "save", new IllegalStateException("down"))).as("still failing")
			.isFalse();
		assertThat(this.tracker.getFailingSince("redis")).isEqualTo(first);
		assertThat(this.tracker.isFailing("memcached")).as("another store").isFalse();
	}

	@Test
	void answeringAgainIsToldOnceBeforeTheSuccess() {
		this.tracker.failed("redis", "findById", new IllegalStateException("down"));

		assertThat(this.tracker.answered("redis")).isTrue();
		assertThat(this.tracker.answered("redis")).isFalse();
		assertThat(this.tracker.isFailing("redis")).isFalse();
		assertThat(this.events).containsExactly("failure redis", "answering again redis", "success redis",
				"success redis");
	}

	@Test
	void aSwitchInStartsAsAnswering() {
		this.tracker.failed("redis", "findById", new IllegalStateException("down"));

		this.tracker.switchedIn("redis");

		assertThat(this.tracker.getFailingSince("redis")).isNull();
	}

	@Test
	void aThrowingListenerDoesNotReachTheCaller() {
		this.tracker.addListener(new RemoteStoreListener() {

			@Override
			public void onFailure(String storeName, RuntimeException ex) {
				throw new IllegalStateException("listener bug");
			}

		});

		assertThatNoException().isThrownBy(() -> this.tracker.failed("redis", "save", new IllegalStateException()));
		assertThat(this.tracker.isFailing("redis")).isTrue();
	}

}
