/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * The bytes of one compact value as they are written: unsigned variable-length integers,
 * length-prefixed UTF-8 strings (a {@code null} string as length 0, any other as its length
 * plus one) and instants. Counts the objects a read of them builds (strings included), as
 * {@link CompactInput} counts them; not thread-safe, never leaves the thread that writes it.
 */
final class CompactOutput {

	private byte[] buffer;

	private int count;

	private int objects;

	CompactOutput(int initialCapacity) {
		this.buffer = new byte[initialCapacity];
	}

	void writeByte(int value) {
		ensureRoom(1);
		this.buffer[this.count++] = (byte) value;
	}

	void writeVarInt(long value) {
		long rest = value;
		while ((rest & ~0x7FL) != 0) {
			writeByte((int) ((rest & 0x7F) | 0x80));
			rest >>>= 7;
		}
		writeByte((int) rest);
	}

	void writeString(String value) {
		countObject();
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		writeVarInt(bytes.length);
		writeBytes(bytes);
	}

	void writeNullableString(@Nullable String value) {
		if (value == null) {
			writeVarInt(0);
			return;
		}
		countObject();
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		writeVarInt(bytes.length + 1L);
		writeBytes(bytes);
	}

	void writeInstant(Instant instant) {
		countObject();
		long seconds = instant.getEpochSecond();
		writeVarInt((seconds << 1) ^ (seconds >> 63));
		writeVarInt(instant.getNano());
	}

	void writeBytes(byte[] bytes) {
		ensureRoom(bytes.length);
		System.arraycopy(bytes, 0, this.buffer, this.count, bytes.length);
		this.count += bytes.length;
	}

	/**
	 * Count one object that a read builds besides the strings and instants written.
	 */
	void countObject() {
		this.objects++;
	}

	int objects() {
		return this.objects;
	}

	byte[] toByteArray() {
		return (this.count == this.buffer.length) ? this.buffer : Arrays.copyOf(this.buffer, this.count);
	}

	private void ensureRoom(int length) {
		if (this.count + length > this.buffer.length) {
			this.buffer = Arrays.copyOf(this.buffer, Math.max(this.count + length, 2 * this.buffer.length));
		}
	}

	/**
	 * Tell whether a string's UTF-8 bytes decode to the same string: no unpaired surrogate, which
	 * UTF-8 cannot carry (Java serialization can: such a string stays in it).
	 */
	static boolean isWellFormed(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (Character.isSurrogate(c)) {
				if (!Character.isHighSurrogate(c) || i + 1 >= value.length()
						|| !Character.isLowSurrogate(value.charAt(i + 1))) {
					return false;
				}
				i++;
			}
		}
		return true;
	}

}
