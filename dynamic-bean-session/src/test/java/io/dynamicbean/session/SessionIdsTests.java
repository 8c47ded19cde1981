/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SessionIds}: which ids can be a session's, and which name the front's records.
 */
class SessionIdsTests {

	@Test
	void uuidsAndUrlSafeRandomIdsAreWellFormed() {
		assertThat(SessionIds.isWellFormed(UUID.randomUUID().toString())).isTrue();
		assertThat(SessionIds.isWellFormed("Zm9vYmFyYmF6cXV4_-0123456789")).isTrue();
		assertThat(SessionIds.isWellFormed("a".repeat(SessionIds.MAX_LENGTH))).isTrue();
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "short-id", "dynamic-bean.store-epoch", "dynamic-bean-store-epoch",
			"0123456789abcdef 0123", "0123456789abcdef\r\nset x", "0123456789abcdef/../x", "0123456789abcdef%2e",
			"0123456789abcdéf0123", "0123456789abcdef:0123" })
	void forgedReservedAndMalformedIdsAreNotWellFormed(String id) {
		assertThat(SessionIds.isWellFormed(id)).as("'%s' well-formed", id).isFalse();
	}

	@Test
	void tooLongIdsAreNotWellFormed() {
		assertThat(SessionIds.isWellFormed("a".repeat(SessionIds.MAX_LENGTH + 1))).isFalse();
	}

	@Test
	void theEpochMarkerIsInternalAndNoWellFormedIdIs() {
		assertThat(SessionIds.isInternal(StoreEpochs.MARKER_ID)).isTrue();
		assertThat(SessionIds.isWellFormed(StoreEpochs.MARKER_ID)).isFalse();
		assertThat(SessionIds.isInternal(UUID.randomUUID().toString())).isFalse();
		assertThat(SessionIds.isInternal(SessionIds.INTERNAL_PREFIX)).isFalse();
		assertThat(SessionIds.isInternal(SessionIds.INTERNAL_PREFIX + "x y")).isFalse();
	}

	@Test
	void theEpochMarkerFitsTheJdbcSessionIdColumn() {
		assertThat(StoreEpochs.MARKER_ID).as("Spring Session's SESSION_ID is CHAR(36)").hasSizeLessThanOrEqualTo(36);
	}

}
