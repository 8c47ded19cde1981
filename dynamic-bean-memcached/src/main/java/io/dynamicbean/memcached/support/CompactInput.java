/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Reads the bytes of one compact value as {@link CompactOutput} writes them, never past their
 * end, and counts the objects it reads (strings included) against a limit, as the allow-list's
 * object stream does. Anything that does not add up throws a {@link MalformedCompactValueException};
 * not thread-safe.
 */
final class CompactInput {

	private final byte[] data;

	private final int maxObjects;

	private int position;

	private int objects;

	CompactInput(byte[] data, int offset, int maxObjects) {
		this.data = data;
		this.position = offset;
		this.maxObjects = maxObjects;
	}

	int readByte() {
		if (this.position >= this.data.length) {
			throw new MalformedCompactValueException("it ends too early");
		}
		return this.data[this.position++] & 0xFF;
	}

	long readVarInt() {
		long value = 0;
		for (int shift = 0; shift < 64; shift += 7) {
			int b = readByte();
			value |= (long) (b & 0x7F) << shift;
			if ((b & 0x80) == 0) {
				return value;
			}
		}
		throw new MalformedCompactValueException("a number is longer than 64 bits");
	}

	/**
	 * Read a count of items each at least {@code minBytesEach} long: never more than the bytes left
	 * can hold, nor more than the objects left under the limit.
	 */
	int readCount(int minBytesEach) {
		long count = readVarInt();
		if (count > remaining() / minBytesEach) {
			throw new MalformedCompactValueException("it claims " + count + " items in " + remaining() + " bytes");
		}
		return (int) count;
	}

	String readString() {
		return readString(checkedLength(readVarInt()));
	}

	@Nullable String readNullableString() {
		long length = readVarInt();
		return (length == 0) ? null : readString(checkedLength(length - 1));
	}

	/**
	 * Read the rest of the bytes as one UTF-8 string.
	 */
	String readRemainingString() {
		return readString(remaining());
	}

	Instant readInstant() {
		long zigZag = readVarInt();
		long seconds = (zigZag >>> 1) ^ -(zigZag & 1);
		long nanos = readVarInt();
		if (nanos > 999_999_999L) {
			throw new MalformedCompactValueException("an instant has " + nanos + " nanoseconds");
		}
		countObject();
		return Instant.ofEpochSecond(seconds, nanos);
	}

	/**
	 * Count one object about to be built; throws {@link TooManyObjectsException} past the limit.
	 */
	void countObject() {
		if (++this.objects > this.maxObjects) {
			throw new TooManyObjectsException(this.maxObjects);
		}
	}

	void expectEnd() {
		if (remaining() != 0) {
			throw new MalformedCompactValueException("it has " + remaining() + " trailing bytes");
		}
	}

	private int checkedLength(long length) {
		if (length < 0 || length > remaining()) {
			throw new MalformedCompactValueException("a string claims " + length + " bytes of " + remaining());
		}
		return (int) length;
	}

	private String readString(int length) {
		countObject();
		String value = new String(this.data, this.position, length, StandardCharsets.UTF_8);
		this.position += length;
		return value;
	}

	private int remaining() {
		return this.data.length - this.position;
	}

	/**
	 * The bytes are not a compact value as this release writes it.
	 */
	static final class MalformedCompactValueException extends RuntimeException {

		MalformedCompactValueException(String message) {
			super(message, null, false, false);
		}

	}

	/**
	 * The value holds more objects than a read may build.
	 */
	static final class TooManyObjectsException extends RuntimeException {

		TooManyObjectsException(int maxObjects) {
			super("the entry holds more than " + maxObjects + " object references", null, false, false);
		}

	}

}
