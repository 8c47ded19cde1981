/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * Writes and reads the Java serialization of a {@link Long} or an {@link Integer} on its own
 * directly, byte for byte as {@link ObjectOutputStream} writes it: a fixed prefix (stream header
 * and class descriptors), then the value. Counters and the session version are such values, and
 * change with most saves, so this spares two object streams per changed save. Other readers and
 * earlier versions read these bytes as any serialized value.
 *
 * <p>The prefixes are taken from {@code ObjectOutputStream} itself when the class is loaded; should
 * two values ever serialize with different prefixes, the shortcut stays off.
 */
final class BoxedNumbers {

	private static final byte @Nullable [] LONG_PREFIX = prefix(0L, Long.MIN_VALUE, Long.BYTES);

	private static final byte @Nullable [] INTEGER_PREFIX = prefix(0, Integer.MIN_VALUE, Integer.BYTES);

	private BoxedNumbers() {
	}

	/**
	 * Serialize a value when it is a {@code Long} or an {@code Integer}.
	 * @param value any value
	 * @return its Java serialization, or {@code null} for any other value
	 */
	static byte @Nullable [] serialize(@Nullable Object value) {
		if (value instanceof Long number && LONG_PREFIX != null) {
			return withValue(LONG_PREFIX, number, Long.BYTES);
		}
		if (value instanceof Integer number && INTEGER_PREFIX != null) {
			return withValue(INTEGER_PREFIX, number, Integer.BYTES);
		}
		return null;
	}

	/**
	 * Read the Java serialization of a single {@code Long} or {@code Integer}.
	 * @param bytes a serialized value
	 * @return the number, or {@code null} when the bytes are anything else
	 */
	static @Nullable Object deserialize(byte[] bytes) {
		if (LONG_PREFIX != null && hasPrefix(bytes, LONG_PREFIX, Long.BYTES)) {
			return readValue(bytes, LONG_PREFIX.length, Long.BYTES);
		}
		if (INTEGER_PREFIX != null && hasPrefix(bytes, INTEGER_PREFIX, Integer.BYTES)) {
			return (int) readValue(bytes, INTEGER_PREFIX.length, Integer.BYTES);
		}
		return null;
	}

	private static byte[] withValue(byte[] prefix, long value, int size) {
		byte[] bytes = Arrays.copyOf(prefix, prefix.length + size);
		for (int i = 0; i < size; i++) {
			bytes[bytes.length - 1 - i] = (byte) (value >>> (8 * i));
		}
		return bytes;
	}

	private static boolean hasPrefix(byte[] bytes, byte[] prefix, int size) {
		return bytes.length == prefix.length + size && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
	}

	private static long readValue(byte[] bytes, int offset, int size) {
		long value = 0;
		for (int i = 0; i < size; i++) {
			value = (value << 8) | (bytes[offset + i] & 0xFF);
		}
		return value;
	}

	private static byte @Nullable [] prefix(Object one, Object other, int size) {
		byte[] first = javaSerialization(one);
		byte[] second = javaSerialization(other);
		if (first.length != second.length || first.length <= size) {
			return null;
		}
		byte[] prefix = Arrays.copyOf(first, first.length - size);
		return Arrays.equals(first, 0, prefix.length, second, 0, prefix.length) ? prefix : null;
	}

	private static byte[] javaSerialization(Object value) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(value);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

}
