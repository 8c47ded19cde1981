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
 * <p>Only values that requests can share safely are remembered, each keyed by its exact bytes:
 * <ul>
 * <li>immutable values, handed out as they are: strings, boxed primitives, {@link BigInteger},
 * {@link BigDecimal}, {@link UUID}, {@link Locale}, the {@code java.time} value types, enum
 * constants and Spring Security's {@link DefaultCsrfToken};</li>
 * <li>Spring Security's {@link SecurityContextImpl}: each read gets a new context holding the same
 * {@code Authentication}, so that a request clearing or replacing the authentication of its
 * context (a logout does) changes only its own context. The {@code Authentication} is shared, as
 * it is between the requests of one session with in-memory sessions.</li>
 * </ul>
 * Any other value is deserialized at every read, as before. Bytes are looked up by content, after
 * they passed the allow-list once: the same bytes always decode to equal values.
 *
 * <p>The cache holds values up to a heap budget (32 MB by default, {@link #DEFAULT_MAX_SIZE}). Each
 * value is counted as twice the length of its bytes, plus 100 bytes: the bytes are kept, and the
 * objects they decode to take less room than that (a security context of 1.4 KB of bytes decodes to
 * about 0.6 KB of objects; a string to about as many bytes as its serialization). A value counted
 * as more than a sixteenth of the budget is not kept. When the budget is passed, values are dropped,
 * in no particular order, until an eighth of it is free again. A budget of {@code 0} turns the cache
 * off.
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

	private final ConcurrentHashMap<Bytes, Kept> values = new ConcurrentHashMap<>();

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
	 * Return the value of bytes decoded before, ready for one request to use.
	 * @param bytes the serialized value
	 * @return the value, or {@code null} when these bytes were not remembered
	 */
	public @Nullable Object get(byte[] bytes) {
		if (this.maxBytes == 0) {
			return null;
		}
		Kept kept = this.values.get(new Bytes(bytes));
		return (kept != null) ? handOut(kept.value()) : null;
	}

	/**
	 * Remember a value just decoded from bytes, when requests can share it.
	 * @param bytes the serialized value, not changed afterwards
	 * @param value what they decoded to, which the caller may hand out as it is
	 */
	public void remember(byte[] bytes, Object value) {
		long cost = 2L * bytes.length + OVERHEAD_BYTES;
		if (cost > this.maxBytes / 16) {
			return;
		}
		Object copy = keptCopy(value);
		if (copy != null && this.values.putIfAbsent(new Bytes(bytes), new Kept(copy, cost)) == null
				&& this.usedBytes.addAndGet(cost) > this.maxBytes) {
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

	private void evict() {
		long target = this.maxBytes - this.maxBytes / 8;
		Iterator<Map.Entry<Bytes, Kept>> entries = this.values.entrySet().iterator();
		while (this.usedBytes.get() > target && entries.hasNext()) {
			Map.Entry<Bytes, Kept> entry = entries.next();
			if (this.values.remove(entry.getKey(), entry.getValue())) {
				this.usedBytes.addAndGet(-entry.getValue().cost());
			}
		}
	}

	/** What the cache keeps of a value, never the instance a request holds; {@code null} if not kept. */
	private static @Nullable Object keptCopy(Object value) {
		if (IMMUTABLE_CLASSES.contains(value.getClass()) || value instanceof Enum) {
			return value;
		}
		if (value.getClass() == SecurityContextImpl.class) {
			return new SecurityContextImpl(((SecurityContextImpl) value).getAuthentication());
		}
		return null;
	}

	private static Object handOut(Object kept) {
		if (kept instanceof SecurityContextImpl context) {
			return new SecurityContextImpl(context.getAuthentication());
		}
		return kept;
	}

	private record Kept(Object value, long cost) {
	}

	/** A byte array compared by content. */
	private static final class Bytes {

		private final byte[] bytes;

		private final int hash;

		Bytes(byte[] bytes) {
			this.bytes = bytes;
			this.hash = Arrays.hashCode(bytes);
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return other instanceof Bytes that && this.hash == that.hash && Arrays.equals(this.bytes, that.bytes);
		}

		@Override
		public int hashCode() {
			return this.hash;
		}

	}

}
