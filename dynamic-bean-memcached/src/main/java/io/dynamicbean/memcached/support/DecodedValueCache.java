/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.support;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * Remembers attribute values decoded from their serialized bytes, so that the same bytes read
 * again (the login of a session, read by each of its requests) are not deserialized again.
 *
 * <p>The cache holds, per session id and attribute name, the bytes last decoded and their value:
 * a read whose bytes are equal to those gets the value without deserializing; a read of other
 * bytes replaces them. Values are never shared between sessions. Only values that requests can
 * share safely are remembered:
 * <ul>
 * <li>immutable values, handed out as they are: strings, boxed primitives, {@link BigInteger},
 * {@link BigDecimal}, {@link UUID}, {@link Locale}, the {@code java.time} value types, enum
 * constants and Spring Security's {@link DefaultCsrfToken};</li>
 * <li>Spring Security's {@link SecurityContextImpl}: each read gets a new context holding the same
 * {@code Authentication}, so that a request clearing or replacing the authentication of its
 * context (a logout does) changes only its own context. The {@code Authentication} is shared, as
 * it is between the requests of one session with in-memory sessions.</li>
 * </ul>
 * Any other value is deserialized at every read, as before. Bytes are remembered after they passed
 * the allow-list once: the same bytes always decode to equal values.
 *
 * <p>The cache holds values up to a heap budget (32 MB by default, {@link #DEFAULT_MAX_SIZE}).
 * Each value is counted as twice the length of its bytes, plus 100 bytes: the bytes are kept, and
 * the objects they decode to take less room than that (a security context of 1.4 KB of bytes
 * decodes to about 0.75 KB of objects, key included; a string to about as many bytes as its
 * serialization). A value counted as more than a sixteenth of the budget is not kept. When the
 * budget is passed, values are dropped, in no particular order, until an eighth of it is free
 * again. A budget of {@code 0} turns the cache off.
 */
public final class DecodedValueCache {

	/** Default heap budget: 32 MB, about 11,000 security contexts of a form login. */
	public static final DataSize DEFAULT_MAX_SIZE = DataSize.ofMegabytes(32);

	private static final int OVERHEAD_BYTES = 100;

	private static final Set<Class<?>> IMMUTABLE_CLASSES = Set.of(String.class, Boolean.class, Byte.class,
			Character.class, Short.class, Integer.class, Long.class, Float.class, Double.class, BigInteger.class,
			BigDecimal.class, UUID.class, Locale.class, Instant.class, LocalDate.class, LocalTime.class,
			LocalDateTime.class, OffsetDateTime.class, OffsetTime.class, ZonedDateTime.class, Duration.class,
			Period.class, Year.class, YearMonth.class, MonthDay.class, ZoneOffset.class, DefaultCsrfToken.class);

	private final long maxBytes;

	private final ConcurrentHashMap<Key, Kept> values = new ConcurrentHashMap<>();

	private final AtomicLong usedBytes = new AtomicLong();

	/**
	 * Create a cache.
	 * @param maxSize the heap budget, {@code 0} to remember nothing
	 */
	public DecodedValueCache(DataSize maxSize) {
		Assert.isTrue(maxSize != null && !maxSize.isNegative(), "maxSize must not be negative");
		this.maxBytes = maxSize.toBytes();
	}

	/**
	 * Return the value of an attribute's bytes decoded before, ready for one request to use.
	 * @param sessionId the session id
	 * @param name the attribute name
	 * @param bytes the serialized value
	 * @return the value, or {@code null} when these are not the bytes remembered for the attribute
	 */
	public @Nullable Object get(String sessionId, String name, byte[] bytes) {
		if (this.maxBytes == 0) {
			return null;
		}
		Kept kept = this.values.get(new Key(sessionId, name));
		return (kept != null && Arrays.equals(kept.bytes(), bytes)) ? shareableCopy(kept.value()) : null;
	}

	/**
	 * Remember the value an attribute's bytes just decoded to, when requests can share it, in place
	 * of what was remembered for that attribute.
	 * @param sessionId the session id
	 * @param name the attribute name
	 * @param bytes the serialized value, not changed afterwards
	 * @param value what they decoded to, which the caller may hand out as it is
	 */
	public void remember(String sessionId, String name, byte[] bytes, Object value) {
		long cost = 2L * bytes.length + OVERHEAD_BYTES;
		Object copy = (cost <= this.maxBytes / 16) ? shareableCopy(value) : null;
		Key key = new Key(sessionId, name);
		if (copy == null) {
			forget(key);
			return;
		}
		Kept previous = this.values.put(key, new Kept(bytes, copy, cost));
		long added = cost - ((previous != null) ? previous.cost() : 0);
		if (this.usedBytes.addAndGet(added) > this.maxBytes) {
			evict();
		}
	}

	/**
	 * Return how many values are remembered.
	 * @return the number of values
	 */
	public int size() {
		return this.values.size();
	}

	/**
	 * Return how much of the heap budget the remembered values are counted as.
	 * @return the bytes counted
	 */
	public long usedBytes() {
		return this.usedBytes.get();
	}

	private void forget(Key key) {
		Kept previous = this.values.remove(key);
		if (previous != null) {
			this.usedBytes.addAndGet(-previous.cost());
		}
	}

	private void evict() {
		long target = this.maxBytes - this.maxBytes / 8;
		Iterator<Map.Entry<Key, Kept>> entries = this.values.entrySet().iterator();
		while (this.usedBytes.get() > target && entries.hasNext()) {
			Map.Entry<Key, Kept> entry = entries.next();
			if (this.values.remove(entry.getKey(), entry.getValue())) {
				this.usedBytes.addAndGet(-entry.getValue().cost());
			}
		}
	}

	/**
	 * What one holder of a value may have without seeing another's changes: the value itself when
	 * immutable, a new context around the same authentication; {@code null} when not shareable.
	 */
	private static @Nullable Object shareableCopy(Object value) {
		if (IMMUTABLE_CLASSES.contains(value.getClass()) || value instanceof Enum) {
			return value;
		}
		if (value.getClass() == SecurityContextImpl.class) {
			return new SecurityContextImpl(((SecurityContextImpl) value).getAuthentication());
		}
		return null;
	}

	private record Key(String sessionId, String name) {
	}

	private record Kept(byte[] bytes, Object value, long cost) {
	}

}
