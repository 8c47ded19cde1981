/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.dynamicbean.memcached.support.SessionEntry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.session.UuidSessionIdGenerator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MemcachedSession}: what a save writes onto the stored entry.
 */
class MemcachedSessionTests {

	private static final Instant READ_AT = Instant.parse("2026-01-01T10:00:00Z");

	private final List<String> serialized = new ArrayList<>();

	private final MemcachedSession.ValueSerializer serializer = (name, value) -> {
		this.serialized.add(name);
		return String.valueOf(value).getBytes(StandardCharsets.UTF_8);
	};

	@Test
	void serializesOnlyTheAttributesItChanged() {
		MemcachedSession session = read(stored("untouched", "kept", "changed", "old"));
		session.setAttribute("changed", "new");
		session.setAttribute("added", "value");
		SessionEntry merged = session.merge(this.serializer);
		assertThat(this.serialized).containsExactlyInAnyOrder("changed", "added");
		assertThat(merged.getRawAttributes().get("untouched")).as("bytes of the untouched attribute")
			.isEqualTo(bytes("kept"));
		assertThat(merged.getRawAttributes().get("changed")).isEqualTo(bytes("new"));
	}

	@Test
	void neverSerializesAnUntouchedValueEvenIfItCouldNotBe() {
		Map<String, byte @Nullable []> raw = new LinkedHashMap<>();
		raw.put("unserializable", bytes("stored bytes"));
		SessionEntry entry = new SessionEntry(SessionEntry.Kind.SESSION, "id-0123456789abcdef", READ_AT, READ_AT,
				Duration.ofMinutes(30), raw, Map.of("unserializable", new Object()));
		MemcachedSession session = read(entry);
		session.setAttribute("count", 1);
		SessionEntry merged = session.merge((name, value) -> {
			assertThat(name).as("attribute serialized").isEqualTo("count");
			return bytes(String.valueOf(value));
		});
		assertThat(merged.getRawAttributes().get("unserializable")).isEqualTo(bytes("stored bytes"));
	}

	@Test
	void appliesItsChangesOntoAnotherVersionOfTheEntry() {
		MemcachedSession session = read(stored("a", "1", "b", "2"));
		session.removeAttribute("a");
		session.setAttribute("mine", "x");
		session.rebase(stored("a", "1", "b", "3", "theirs", "y"), 42);
		SessionEntry merged = session.merge(this.serializer);
		assertThat(merged.getRawAttributes()).containsOnlyKeys("b", "theirs", "mine");
		assertThat(merged.getRawAttributes().get("b")).as("attribute the other copy changed").isEqualTo(bytes("3"));
	}

	@Test
	void reusesTheValuesItSerializedWhenTheMergeIsRetried() {
		MemcachedSession session = read(stored());
		session.setAttribute("mine", "x");
		session.merge(this.serializer);
		session.rebase(stored("theirs", "y"), 43);
		session.merge(this.serializer);
		assertThat(this.serialized).containsExactly("mine");
	}

	@Test
	void serializesTheAttributesOfAnEntryOfFormat1() {
		Map<String, byte @Nullable []> raw = new LinkedHashMap<>();
		raw.put("old", null);
		SessionEntry entry = new SessionEntry(SessionEntry.Kind.SESSION, "id-0123456789abcdef", READ_AT, READ_AT,
				Duration.ofMinutes(30), raw, Map.of("old", "value"));
		MemcachedSession session = read(entry);
		session.setAttribute("count", 1);
		SessionEntry merged = session.merge(this.serializer);
		assertThat(this.serialized).containsExactlyInAnyOrder("old", "count");
		assertThat(merged.getRawAttributes().get("old")).isEqualTo(bytes("value"));
	}

	@Test
	void keepsTheStoredMaxInactiveIntervalAndLastAccessUnlessChanged() {
		MemcachedSession session = read(stored());
		session.setAttribute("count", 1);
		SessionEntry other = new SessionEntry(SessionEntry.Kind.SESSION, "id-0123456789abcdef", READ_AT,
				READ_AT.plusSeconds(60), Duration.ofHours(2), Map.of(), Map.of());
		session.rebase(other, 44);
		SessionEntry merged = session.merge(this.serializer);
		assertThat(merged.getMaxInactiveInterval()).isEqualTo(Duration.ofHours(2));
		assertThat(merged.getLastAccessedTime()).isEqualTo(READ_AT.plusSeconds(60));
		session.setMaxInactiveInterval(Duration.ofMinutes(5));
		session.setLastAccessedTime(READ_AT.plusSeconds(120));
		merged = session.merge(this.serializer);
		assertThat(merged.getMaxInactiveInterval()).isEqualTo(Duration.ofMinutes(5));
		assertThat(merged.getLastAccessedTime()).isEqualTo(READ_AT.plusSeconds(120));
	}

	@Test
	void hasNoChangesUntilChanged() {
		MemcachedSession session = read(stored("a", "1"));
		assertThat(session.hasChanges()).isFalse();
		session.setLastAccessedTime(READ_AT.plusSeconds(1));
		assertThat(session.hasChanges()).isTrue();
		assertThat(session.hasChangesBesidesLastAccess()).isFalse();
		session.setAttribute("a", "2");
		assertThat(session.hasChangesBesidesLastAccess()).isTrue();
	}

	private static MemcachedSession read(SessionEntry entry) {
		return new MemcachedSession(entry, 41, UuidSessionIdGenerator.getInstance());
	}

	private static SessionEntry stored(String... namesAndValues) {
		Map<String, byte @Nullable []> raw = new LinkedHashMap<>();
		Map<String, Object> values = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			raw.put(namesAndValues[i], bytes(namesAndValues[i + 1]));
			values.put(namesAndValues[i], namesAndValues[i + 1]);
		}
		return new SessionEntry(SessionEntry.Kind.SESSION, "id-0123456789abcdef", READ_AT, READ_AT,
				Duration.ofMinutes(30), raw, values);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
