/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.lang.reflect.Array;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalAmount;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.session.Session;

/**
 * Estimates the heap a session held by the {@link LocalSessionRepository} costs, cheaply enough for
 * every save (the front keeps a fallback copy of every session it writes). What is counted:
 * <ul>
 * <li>{@value #SESSION_OVERHEAD} bytes per session (the session, its attribute map, its id, times
 * and the store's entry), and {@value #ATTRIBUTE_OVERHEAD} bytes plus the name per attribute;</li>
 * <li>strings by length: {@value #STRING_OVERHEAD} bytes plus 2 per character (an upper bound:
 * Latin-1 strings take 1);</li>
 * <li>boxed primitives (not {@code BigInteger} or {@code BigDecimal}), enums, {@link UUID} and
 * {@code java.time} values by a fixed {@value #SMALL_VALUE} bytes; arrays of primitives by their
 * length;</li>
 * <li>Spring Security's context (attribute {@value EstablishedSessions#SECURITY_CONTEXT_ATTRIBUTE})
 * by a fixed {@value #SECURITY_CONTEXT_ESTIMATE} bytes: the application builds it, not the client;
 * a CSRF token ({@code DefaultCsrfToken}) by a fixed {@value #CSRF_TOKEN_ESTIMATE} bytes;</li>
 * <li>any other value by its serialized size, computed once per value: a value still held under
 * the same attribute name (the same object) is not serialized again, so a value changed in place,
 * without {@code setAttribute}, is weighed as it was when set; a value that cannot be serialized
 * counts {@value #UNSERIALIZABLE_ESTIMATE} bytes.</li>
 * </ul>
 * Thread-safe (stateless).
 */
final class SessionSizeEstimator {

	/** Bytes counted for a session besides its attributes. */
	static final long SESSION_OVERHEAD = 512;

	/** Bytes counted for an attribute besides its name and value. */
	static final long ATTRIBUTE_OVERHEAD = 48;

	/** Bytes counted for a string besides its characters. */
	static final long STRING_OVERHEAD = 40;

	/** Bytes counted for a boxed primitive, an enum, a UUID or a {@code java.time} value. */
	static final long SMALL_VALUE = 32;

	/** Bytes counted for Spring Security's context. */
	static final long SECURITY_CONTEXT_ESTIMATE = 2048;

	/** Bytes counted for Spring Security's {@code DefaultCsrfToken}. */
	static final long CSRF_TOKEN_ESTIMATE = 256;

	/** Bytes counted for a value that cannot be serialized. */
	static final long UNSERIALIZABLE_ESTIMATE = 1024;

	private static final String CSRF_TOKEN_CLASS = "org.springframework.security.web.csrf.DefaultCsrfToken";

	private SessionSizeEstimator() {
	}

	/**
	 * Estimate the heap a session costs.
	 * @param session the session
	 * @param previous the size of what was held for the same session before, whose measured values
	 * are reused for the values still held, or {@code null}
	 * @return the estimate
	 */
	static SessionSize estimate(Session session, @Nullable SessionSize previous) {
		long bytes = SESSION_OVERHEAD + string(session.getId());
		Map<String, Measured> measured = null;
		for (String name : session.getAttributeNames()) {
			Object value = session.getAttribute(name);
			bytes += ATTRIBUTE_OVERHEAD + string(name);
			long known = known(name, value);
			if (known >= 0) {
				bytes += known;
				continue;
			}
			Measured reused = (previous != null) ? previous.measured(name, value) : null;
			Measured weighed = (reused != null) ? reused : new Measured(value, serialized(value));
			if (measured == null) {
				measured = new HashMap<>();
			}
			measured.put(name, weighed);
			bytes += weighed.bytes();
		}
		return new SessionSize(bytes, measured);
	}

	/**
	 * Return the estimate of a value of a known type, or -1 if it must be measured.
	 */
	private static long known(String name, @Nullable Object value) {
		if (value == null) {
			return 0;
		}
		if (value instanceof String string) {
			return string(string);
		}
		if (isSmall(value)) {
			return SMALL_VALUE;
		}
		if (EstablishedSessions.SECURITY_CONTEXT_ATTRIBUTE.equals(name)) {
			return SECURITY_CONTEXT_ESTIMATE;
		}
		Class<?> type = value.getClass();
		if (type.isArray() && type.getComponentType().isPrimitive()) {
			return 16 + (long) Array.getLength(value) * elementSize(type.getComponentType());
		}
		if (CSRF_TOKEN_CLASS.equals(type.getName())) {
			return CSRF_TOKEN_ESTIMATE;
		}
		return -1;
	}

	private static boolean isSmall(Object value) {
		return value instanceof Integer || value instanceof Long || value instanceof Double || value instanceof Float
				|| value instanceof Short || value instanceof Byte || value instanceof Boolean
				|| value instanceof Character || value instanceof Enum || value instanceof UUID
				|| value instanceof TemporalAccessor || value instanceof TemporalAmount;
	}

	private static long string(String string) {
		return STRING_OVERHEAD + 2L * string.length();
	}

	private static int elementSize(Class<?> primitive) {
		if (primitive == byte.class || primitive == boolean.class) {
			return 1;
		}
		if (primitive == char.class || primitive == short.class) {
			return 2;
		}
		return (primitive == long.class || primitive == double.class) ? 8 : 4;
	}

	private static long serialized(Object value) {
		if (!(value instanceof Serializable)) {
			return UNSERIALIZABLE_ESTIMATE;
		}
		CountingOutputStream counter = new CountingOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(counter)) {
			out.writeObject(value);
		}
		catch (IOException | RuntimeException ex) {
			return Math.max(counter.count, UNSERIALIZABLE_ESTIMATE);
		}
		return counter.count;
	}

	/**
	 * A value measured by its serialized size, held with the value so that the same object is not
	 * measured again.
	 */
	record Measured(Object value, long bytes) {
	}

	/**
	 * The estimated size of a session.
	 * @param bytes the estimate
	 * @param measured the values measured by their serialized size, by attribute name, or
	 * {@code null} if there are none
	 */
	record SessionSize(long bytes, @Nullable Map<String, Measured> measured) {

		@Nullable Measured measured(String name, Object value) {
			Measured held = (this.measured != null) ? this.measured.get(name) : null;
			return (held != null && held.value() == value) ? held : null;
		}

	}

	private static final class CountingOutputStream extends OutputStream {

		private long count;

		@Override
		public void write(int b) {
			this.count++;
		}

		@Override
		public void write(byte[] b, int off, int len) {
			this.count += len;
		}

	}

}
