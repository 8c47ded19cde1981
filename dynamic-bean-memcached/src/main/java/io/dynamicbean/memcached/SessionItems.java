/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.dynamicbean.memcached.support.InvalidSessionEntryException;
import io.dynamicbean.memcached.support.MemcachedExpiry;
import io.dynamicbean.memcached.support.SessionCodec;
import io.dynamicbean.memcached.support.SessionEntry;
import io.dynamicbean.memcached.support.SessionKeys;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

/**
 * How a session entry becomes a memcached item and back, for the repository and the
 * {@link ReplicaSet} alike: the key of a session id, the encoding of an entry within the item size
 * limit, the decoding of what a node holds (an entry that cannot be read is logged at WARN and is
 * no entry) and the expiration memcached is given, on the repository's clock. Knows neither nodes
 * nor sessions being saved; the repository sets each part as it is configured.
 */
final class SessionItems {

	/** Bytes of an item taken by memcached's item header, besides key and value. */
	static final int ITEM_HEADER_BYTES = 96;

	private static final Log logger = LogFactory.getLog(SessionItems.class);

	private SessionKeys keys;

	private SessionCodec codec;

	private long maxItemBytes;

	private Clock clock;

	SessionItems(SessionKeys keys, SessionCodec codec, DataSize maxItemSize, Clock clock) {
		this.keys = keys;
		this.codec = codec;
		this.maxItemBytes = maxItemSize.toBytes();
		this.clock = clock;
	}

	void setKeys(SessionKeys keys) {
		this.keys = keys;
	}

	void setCodec(SessionCodec codec, DataSize maxItemSize) {
		this.codec = codec;
		this.maxItemBytes = maxItemSize.toBytes();
	}

	void setClock(Clock clock) {
		this.clock = clock;
	}

	String getKeyPrefix() {
		return this.keys.getPrefix();
	}

	/**
	 * The key of a session id, {@code null} when the id is malformed.
	 */
	@Nullable String keyOf(@Nullable String id) {
		return this.keys.keyOf(id);
	}

	/**
	 * The entry of an item read under a key, {@code null} when it cannot be read or belongs to
	 * another id.
	 */
	@Nullable SessionEntry decode(String key, byte[] data) {
		String id = key.substring(this.keys.getPrefix().length());
		try {
			return this.codec.decode(data, id);
		}
		catch (InvalidSessionEntryException ex) {
			logger.warn("Ignoring session entry '" + key + "' in memcached (" + data.length + " bytes): "
					+ ex.getMessage() + "; treated as no session");
			logger.debug("Unreadable session entry '" + key + "'", ex);
			return null;
		}
	}

	/**
	 * The bytes of an entry.
	 * @throws SessionTooLargeException if they do not fit in an item under the key
	 */
	byte[] encode(SessionEntry entry, String key) {
		return this.codec.encode(entry, maxValueBytes(key), key);
	}

	/**
	 * The bytes of one attribute value.
	 * @throws SessionTooLargeException if they do not fit in an item under the key
	 * @throws SessionSerializationException if the value cannot be serialized
	 */
	byte[] serialize(String name, @Nullable Object value, String key) {
		return this.codec.serialize(name, value, maxValueBytes(key), key);
	}

	private long maxValueBytes(String key) {
		return this.maxItemBytes - key.length() - ITEM_HEADER_BYTES;
	}

	/**
	 * The memcached expiration of an entry: the time left before it expires, at least 1 s, or
	 * {@code 0} (never) when it never expires.
	 */
	int expiry(SessionEntry entry) {
		Duration maxInactive = entry.getMaxInactiveInterval();
		Instant expiresAt = maxInactive.isNegative() ? null : entry.getLastAccessedTime().plus(maxInactive);
		return MemcachedExpiry.of(expiresAt, this.clock.instant());
	}

}
