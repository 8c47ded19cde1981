/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link StoreExceptionKind}: what an exception thrown by a store means.
 */
class StoreExceptionKindTests {

	@Test
	void aRefusedSaveOfADeletedSessionIsAnInvalidation() {
		assertThat(StoreExceptionKind.of(new SessionInvalidatedException("id"))).isEqualTo(StoreExceptionKind.INVALIDATION);
		assertThat(StoreExceptionKind.of(new IllegalStateException("Session was invalidated")))
			.as("Spring Session's own exception")
			.isEqualTo(StoreExceptionKind.INVALIDATION);
		assertThat(SessionInvalidatedException.isInvalidation(new IllegalStateException("Session was invalidated")))
			.isTrue();
	}

	@Test
	void aRefusalOfOneSessionIsNoFailure() {
		StoreExceptionKind kind = StoreExceptionKind.of(new TooLarge());

		assertThat(kind).isEqualTo(StoreExceptionKind.REFUSAL);
		assertThat(kind.isStoreFailure()).isFalse();
	}

	@Test
	void notKnowingWhetherASessionExistsIsNoFailure() {
		StoreExceptionKind kind = StoreExceptionKind.of(new NodesDown());

		assertThat(kind).isEqualTo(StoreExceptionKind.UNCERTAINTY);
		assertThat(kind.isStoreFailure()).isFalse();
	}

	@Test
	void anythingElseIsAFailureOfTheStore() {
		assertThat(StoreExceptionKind.of(new IllegalStateException("connection refused")).isStoreFailure()).isTrue();
		assertThat(StoreExceptionKind.of(new RuntimeException("timeout"))).isEqualTo(StoreExceptionKind.FAILURE);
	}

	private static final class TooLarge extends RuntimeException implements SessionStoreRefusal {

	}

	private static final class NodesDown extends RuntimeException implements SessionStoreUncertainty {

	}

}
