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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.util.Assert;

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
 * <p>The cache holds at most {@code maxEntries} values ({@value #DEFAULT_MAX_ENTRIES} by default,
 * about one logged-in session's context each); when full, an arbitrary eighth of it is dropped.
 * {@code 0} turns it off.
 */
public final class DecodedValueCache {

	/** Default number of values remembered. */
	public static final int DEFAULT_MAX_ENTRIES = 10_000;

	private static final Set<Class<?>> IMMUTABLE_CLASSES = Set.of(String.class, Boolean.class, Byte.class,
			Character.class, Short.class, Integer.class, Long.class, Float.class, Double.class, BigInteger.class,
			BigDecimal.class, UUID.class, Locale.class, Instant.class, LocalDate.class, LocalTime.class,
			LocalDateTime.class, OffsetDateTime.class, OffsetTime.class, ZonedDateTime.class, Duration.class,
			Period.class, Year.class, YearMonth.class, MonthDay.class, ZoneOffset.class, DefaultCsrfToken.class);

	private final int maxEntries;

	private final ConcurrentHashMap<Bytes, Object> values = new ConcurrentHashMap<>();

	/**
	 * Create a cache.
	 * @param maxEntries the most values remembered, {@code 0} to remember none
	 */
	public DecodedValueCache(int maxEntries) {
		Assert.isTrue(maxEntries >= 0, "maxEntries must not be negative");
		this.maxEntries = maxEntries;
	}

	/**
	 * Return the value of bytes decoded before, ready for one request to use.
	 * @param bytes the serialized value
	 * @return the value, or {@code null} when these bytes were not remembered
	 */
	public @Nullable Object get(byte[] bytes) {
		if (this.maxEntries == 0) {
			return null;
		}
		Object value = this.values.get(new Bytes(bytes));
		return (value != null) ? handOut(value) : null;
	}

	/**
	 * Remember a value just decoded from bytes, when requests can share it.
	 * @param bytes the serialized value, not changed afterwards
	 * @param value what they decoded to, which the caller may hand out as it is
	 */
	public void remember(byte[] bytes, Object value) {
		Object kept = (this.maxEntries != 0) ? keptCopy(value) : null;
		if (kept == null) {
			return;
		}
		if (this.values.size() >= this.maxEntries) {
			evictSome();
		}
		this.values.putIfAbsent(new Bytes(bytes), kept);
	}

	/**
	 * Return how many values are remembered.
	 * @return the number of values
	 */
	public int size() {
		return this.values.size();
	}

	private void evictSome() {
		int toRemove = Math.max(1, this.maxEntries / 8);
		Iterator<Bytes> keys = this.values.keySet().iterator();
		while (toRemove-- > 0 && keys.hasNext()) {
			keys.next();
			keys.remove();
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
