/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the logouts the remote store was told of, which {@link PendingDeletions} remembers for
 * a while so that a request in flight over the logout cannot bring the session back.
 */
class RecentLogoutsTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));

	private final PendingDeletions deletions = new PendingDeletions(1_000_000, this.clock);

	@Test
	void aLogoutTheStoreWasToldOfIsNoLongerPendingButRememberedForAWhile() {
		this.deletions.told("alice-session-0000000001");

		assertThat(this.deletions.contains("alice-session-0000000001")).as("pending").isFalse();
		assertThat(this.deletions.toldRecently("alice-session-0000000001")).isTrue();
		this.clock.advance(PendingDeletions.RECENT_LIFETIME);
		assertThat(this.deletions.toldRecently("alice-session-0000000001")).as("after the lifetime").isFalse();
	}

	@Test
	void theOldestAreDroppedBeyondTheBound() {
		for (int i = 0; i <= PendingDeletions.MAX_RECENT; i++) {
			this.deletions.told(String.format("session-%018d", i));
			this.clock.advance(Duration.ofMillis(1));
		}

		assertThat(this.deletions.toldRecently(String.format("session-%018d", 0))).as("the oldest").isFalse();
		assertThat(this.deletions.toldRecently(String.format("session-%018d", 1))).isTrue();
		assertThat(this.deletions.toldRecently(String.format("session-%018d", PendingDeletions.MAX_RECENT)))
			.isTrue();
	}

}
