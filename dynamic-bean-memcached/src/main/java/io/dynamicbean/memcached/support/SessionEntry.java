/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.support;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.dynamicbean.session.serialization.UnreadableValue;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The content of one memcached session item, as {@link SessionCodec} reads and writes it: a
 * header (kind, session id, creation and last-access times, max inactive interval) and each
 * attribute's serialized value, kept as the raw bytes read so that an attribute nobody changed is
 * written back without being serialized again. A decoded entry also holds each attribute's value,
 * except those that could not be read ({@link #getUnreadableValues()}): their bytes are kept, and
 * written back as they were, for the instances that can read them.
 *
 * <p>A {@link Kind#TOMBSTONE tombstone} marks a deleted session id: it holds no attributes and is
 * never found as a session.
 */
public final class SessionEntry {

	/**
	 * What an entry stands for.
	 */
	public enum Kind {

		/** A live session. */
		SESSION,

		/** A deleted session id, kept so that stale copies cannot bring the session back. */
		TOMBSTONE

	}

	private final Kind kind;

	private final String id;

	private final Instant creationTime;

	private final Instant lastAccessedTime;

	private final Duration maxInactiveInterval;

	private final Map<String, byte @Nullable []> rawAttributes;

	private final Map<String, Object> values;

	private final Map<String, UnreadableValue> unreadableValues;

	/**
	 * Create an entry.
	 * @param kind the kind
	 * @param id the session id
	 * @param creationTime when the session was created
	 * @param lastAccessedTime when the session was last accessed
	 * @param maxInactiveInterval the max inactive interval, negative for never
	 * @param rawAttributes each attribute's serialized value by name, in order, or {@code null} for a
	 * value whose bytes are unknown (read from an entry of format 1)
	 * @param values each attribute's value by name, when decoded; possibly empty
	 */
	public SessionEntry(Kind kind, String id, Instant creationTime, Instant lastAccessedTime,
			Duration maxInactiveInterval, Map<String, byte @Nullable []> rawAttributes, Map<String, Object> values) {
		this(kind, id, creationTime, lastAccessedTime, maxInactiveInterval,
				Attributes.wrap(new LinkedHashMap<>(rawAttributes), new LinkedHashMap<>(values), Map.of()));
	}

	private SessionEntry(Kind kind, String id, Instant creationTime, Instant lastAccessedTime,
			Duration maxInactiveInterval, Attributes attributes) {
		Assert.notNull(kind, "kind must not be null");
		Assert.notNull(id, "id must not be null");
		Assert.notNull(creationTime, "creationTime must not be null");
		Assert.notNull(lastAccessedTime, "lastAccessedTime must not be null");
		Assert.notNull(maxInactiveInterval, "maxInactiveInterval must not be null");
		Assert.isTrue(kind == Kind.SESSION || attributes.raw().isEmpty(), "A tombstone holds no attributes");
		this.kind = kind;
		this.id = id;
		this.creationTime = creationTime;
		this.lastAccessedTime = lastAccessedTime;
		this.maxInactiveInterval = maxInactiveInterval;
		this.rawAttributes = attributes.raw();
		this.values = attributes.values();
		this.unreadableValues = attributes.unreadable();
	}

	/**
	 * Create an entry on maps that nothing else holds, without copying them.
	 */
	static SessionEntry owning(Kind kind, String id, Instant creationTime, Instant lastAccessedTime,
			Duration maxInactiveInterval, Map<String, byte @Nullable []> rawAttributes, Map<String, Object> values,
			Map<String, UnreadableValue> unreadableValues) {
		return new SessionEntry(kind, id, creationTime, lastAccessedTime, maxInactiveInterval,
				Attributes.wrap(rawAttributes, values, unreadableValues));
	}

	/**
	 * Create the tombstone of a deleted session id.
	 * @param id the session id
	 * @param now the time of the deletion
	 * @param lifetime how long the tombstone is kept
	 * @return the tombstone
	 */
	public static SessionEntry tombstone(String id, Instant now, Duration lifetime) {
		return new SessionEntry(Kind.TOMBSTONE, id, now, now, lifetime, Map.of(), Map.of());
	}

	/**
	 * Return a copy of this entry with another last-access time, the same attribute bytes.
	 * @param lastAccessedTime the last-access time
	 * @return the copy
	 */
	public SessionEntry withLastAccessedTime(Instant lastAccessedTime) {
		return new SessionEntry(this.kind, this.id, this.creationTime, lastAccessedTime, this.maxInactiveInterval,
				new Attributes(this.rawAttributes, this.values, this.unreadableValues));
	}

	/**
	 * Return what the entry stands for.
	 * @return the kind
	 */
	public Kind getKind() {
		return this.kind;
	}

	/**
	 * Tell whether the entry marks a deleted session id.
	 * @return whether it is a tombstone
	 */
	public boolean isTombstone() {
		return this.kind == Kind.TOMBSTONE;
	}

	/**
	 * Return the session id.
	 * @return the id
	 */
	public String getId() {
		return this.id;
	}

	/**
	 * Return when the session was created.
	 * @return the creation time
	 */
	public Instant getCreationTime() {
		return this.creationTime;
	}

	/**
	 * Return when the session was last accessed, as stored.
	 * @return the last-access time
	 */
	public Instant getLastAccessedTime() {
		return this.lastAccessedTime;
	}

	/**
	 * Return the max inactive interval, negative for never.
	 * @return the interval
	 */
	public Duration getMaxInactiveInterval() {
		return this.maxInactiveInterval;
	}

	/**
	 * Return each attribute's serialized value by name, {@code null} where the bytes are unknown.
	 * @return the attributes, unmodifiable
	 */
	public Map<String, byte @Nullable []> getRawAttributes() {
		return this.rawAttributes;
	}

	/**
	 * Return each attribute's decoded value by name; empty for an entry that was not decoded.
	 * @return the values, unmodifiable
	 */
	public Map<String, Object> getValues() {
		return this.values;
	}

	/**
	 * Return why each attribute that could not be decoded was left out of {@link #getValues()}, by
	 * name; its bytes are still in {@link #getRawAttributes()}.
	 * @return the unreadable values, unmodifiable, empty when every value was read
	 */
	public Map<String, UnreadableValue> getUnreadableValues() {
		return this.unreadableValues;
	}

	/**
	 * Tell whether the session has expired: its last access is longer ago than its max inactive
	 * interval.
	 * @param now the current time
	 * @return whether it expired
	 */
	public boolean isExpired(Instant now) {
		return !this.maxInactiveInterval.isNegative()
				&& !now.isBefore(this.lastAccessedTime.plus(this.maxInactiveInterval));
	}

	/**
	 * The unmodifiable attribute maps of an entry.
	 */
	private record Attributes(Map<String, byte @Nullable []> raw, Map<String, Object> values,
			Map<String, UnreadableValue> unreadable) {

		static Attributes wrap(Map<String, byte @Nullable []> raw, Map<String, Object> values,
				Map<String, UnreadableValue> unreadable) {
			return new Attributes(Collections.unmodifiableMap(raw), Collections.unmodifiableMap(values),
					unreadable.isEmpty() ? Map.of() : Collections.unmodifiableMap(unreadable));
		}

	}

}
