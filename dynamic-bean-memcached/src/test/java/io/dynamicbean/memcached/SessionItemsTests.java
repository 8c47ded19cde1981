/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import io.dynamicbean.memcached.support.SessionCodec;
import io.dynamicbean.memcached.support.SessionEntry;
import io.dynamicbean.memcached.support.SessionKeys;
import io.dynamicbean.session.serialization.DeserializationAllowList;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SessionItems}: the memcached expiration of an entry, the item size limit, and
 * what reading a node's bytes gives.
 */
class SessionItemsTests {

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	private static final String PREFIX = "test:";

	private static final String ID = "0123456789abcdef0123456789abcdef";

	private final SessionItems items = new SessionItems(new SessionKeys(PREFIX),
			new SessionCodec(new DeserializationAllowList(), null), DataSize.ofKilobytes(2),
			Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void expiryIsTheTimeLeftPlusOneSecond() {
		assertThat(this.items.expiry(entry(NOW.minusSeconds(60), Duration.ofMinutes(30)))).isEqualTo(30 * 60 - 60 + 1);
	}

	@Test
	void expiryIsAtLeastOneSecond() {
		assertThat(this.items.expiry(entry(NOW.minus(Duration.ofHours(1)), Duration.ofMinutes(30)))).isEqualTo(1);
	}

	@Test
	void entryThatNeverExpiresIsGivenNoExpiry() {
		assertThat(this.items.expiry(entry(NOW, Duration.ofSeconds(-1)))).isZero();
	}

	@Test
	void expiryBeyondThirtyDaysIsAnAbsoluteUnixTime() {
		Duration longer = Duration.ofDays(31);
		assertThat(this.items.expiry(entry(NOW, longer)))
			.isEqualTo(NOW.getEpochSecond() + longer.toSeconds() + 1);
	}

	@Test
	void encodedEntryIsReadBackUnderItsKey() {
		String key = this.items.keyOf(ID);
		SessionEntry read = this.items.decode(key, this.items.encode(entry(NOW, Duration.ofMinutes(30)), key));
		assertThat(read).isNotNull();
		assertThat(read.getId()).isEqualTo(ID);
	}

	@Test
	void bytesThatAreNoEntryAreNoEntry() {
		assertThat(this.items.decode(PREFIX + ID, "garbage".getBytes(StandardCharsets.US_ASCII))).isNull();
	}

	@Test
	void entryOfAnotherIdIsNoEntry() {
		String key = this.items.keyOf(ID);
		byte[] data = this.items.encode(entry(NOW, Duration.ofMinutes(30)), key);
		assertThat(this.items.decode(PREFIX + "fedcba9876543210fedcba9876543210", data)).isNull();
	}

	@Test
	void valueOverTheItemSizeIsRefused() {
		assertThatExceptionOfType(SessionTooLargeException.class)
			.isThrownBy(() -> this.items.serialize("large", new byte[4096], PREFIX + ID));
	}

	private static SessionEntry entry(Instant lastAccessed, Duration maxInactive) {
		return new SessionEntry(SessionEntry.Kind.SESSION, ID, lastAccessed, lastAccessed, maxInactive, Map.of(),
				Map.of());
	}

}
