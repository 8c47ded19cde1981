/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.support;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.dynamicbean.memcached.SessionSerializationException;
import io.dynamicbean.memcached.SessionTooLargeException;
import io.dynamicbean.session.serialization.AllowListObjectInputStream;
import io.dynamicbean.session.serialization.DeserializationAllowList;
import io.dynamicbean.session.serialization.UnreadableValue;
import org.jspecify.annotations.Nullable;

import org.springframework.session.Session;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * Encodes a session entry as the value of one memcached item and decodes it back, safely.
 *
 * <p>Format 2, written by this version: a header (a magic number, the format version, the entry's
 * {@link SessionEntry.Kind kind}, the session id, its creation and last-access times and its max
 * inactive interval), then each attribute as its name and the length-prefixed bytes of its value,
 * serialized on its own with Java serialization. Because each value has its own bytes, an entry
 * is written from the bytes of the attributes nobody changed plus the newly serialized values of
 * those that changed ({@link #serialize}). Format 1, written by earlier versions (one Java
 * serialization stream holding the same header and every attribute), is still read; its
 * attributes have no bytes of their own and are serialized again when the entry is next written.
 *
 * <p>Decoding reads each value through a {@link DeserializationAllowList}, unless the same bytes
 * were read before and their value is in the codec's {@link DecodedValueCache}. An entry that is
 * not in either format, is for another session id, or whose header, lengths or attribute names do
 * not add up is refused with an {@link InvalidSessionEntryException}. In format 2, a value that
 * cannot be read on its own (its class changed or is missing in this release, the allow-list
 * refuses it before loading any refused class, or its bytes are corrupt) is left out of the
 * entry's values and described in {@link SessionEntry#getUnreadableValues()}, its bytes kept; a
 * failure is never remembered in the cache. In format 1, one stream holding every value, any
 * unreadable value refuses the whole entry.
 *
 * <p>A value is written with Java serialization, except a {@code Long} or an {@code Integer}
 * ({@link BoxedNumbers}: the same bytes, written directly) and, when the codec writes compact
 * values, the values {@link CompactValues} holds (a form login's security context, a CSRF token, a
 * string): each value's bytes say which encoding they are in, so a codec reads both, whichever it
 * writes. A compact value is read field by field, building only allowed classes; one that cannot
 * be read is an unreadable value like any other.
 *
 * <p>Serializing a value stops as soon as the output passes the size limit or holds more objects
 * than the allow-list lets a read of that value hold, and throws {@link SessionTooLargeException},
 * as does an entry longer than the size limit, so that a session is never written that could not
 * be read back; a value that cannot be serialized throws {@link SessionSerializationException}.
 */
public final class SessionCodec {

	private static final int MAGIC = 0x44424D53;

	private static final byte VERSION_1 = 1;

	private static final byte VERSION_2 = 2;

	/** The first bytes of a Java serialization stream, which format 1 is. */
	private static final int JAVA_STREAM_MAGIC = 0xACED;

	private static final int MAX_ATTRIBUTES = 10_000;

	private final DeserializationAllowList allowList;

	private final @Nullable ClassLoader classLoader;

	private final DecodedValueCache decodedValues;

	private final @Nullable CompactValues compactValues;

	private final boolean writeCompact;

	/**
	 * Create a codec that deserializes every value it reads and writes values with Java
	 * serialization (it reads compact values too).
	 * @param allowList the classes and limits for decoding; its byte limit also caps encoding
	 * @param classLoader the class loader for attribute classes, or {@code null} for the default
	 */
	public SessionCodec(DeserializationAllowList allowList, @Nullable ClassLoader classLoader) {
		this(allowList, classLoader, new DecodedValueCache(DataSize.ofBytes(0)));
	}

	/**
	 * Create a codec that takes the values it can share from a cache of values it decoded before
	 * and writes values with Java serialization (it reads compact values too).
	 * @param allowList the classes and limits for decoding; its byte limit also caps encoding
	 * @param classLoader the class loader for attribute classes, or {@code null} for the default
	 * @param decodedValues the values decoded before, used by this codec only (they passed its
	 * allow-list)
	 */
	public SessionCodec(DeserializationAllowList allowList, @Nullable ClassLoader classLoader,
			DecodedValueCache decodedValues) {
		this(allowList, classLoader, decodedValues, false);
	}

	/**
	 * Create a codec that takes the values it can share from a cache of values it decoded before.
	 * @param allowList the classes and limits for decoding; its byte limit also caps encoding
	 * @param classLoader the class loader for attribute classes, or {@code null} for the default
	 * @param decodedValues the values decoded before, used by this codec only (they passed its
	 * allow-list)
	 * @param writeCompact whether to write the values {@link CompactValues} holds in its compact
	 * encoding, which releases before this one cannot read; compact values are read either way
	 */
	public SessionCodec(DeserializationAllowList allowList, @Nullable ClassLoader classLoader,
			DecodedValueCache decodedValues, boolean writeCompact) {
		this(allowList, classLoader, decodedValues, new CompactValues(allowList), writeCompact);
	}

	private SessionCodec(DeserializationAllowList allowList, @Nullable ClassLoader classLoader,
			DecodedValueCache decodedValues, @Nullable CompactValues compactValues, boolean writeCompact) {
		Assert.notNull(allowList, "allowList must not be null");
		Assert.notNull(decodedValues, "decodedValues must not be null");
		this.allowList = allowList;
		this.classLoader = classLoader;
		this.decodedValues = decodedValues;
		this.compactValues = compactValues;
		this.writeCompact = writeCompact && compactValues != null;
	}

	/**
	 * Create a codec that reads and writes values as releases before the compact encoding did:
	 * Java serialization only, a compact value read as corrupt bytes. For tests of a rolling
	 * upgrade.
	 * @param allowList the classes and limits for decoding
	 * @param classLoader the class loader for attribute classes, or {@code null} for the default
	 * @return the codec, without a decoded-value cache
	 */
	static SessionCodec javaSerializationOnly(DeserializationAllowList allowList, @Nullable ClassLoader classLoader) {
		return new SessionCodec(allowList, classLoader, new DecodedValueCache(DataSize.ofBytes(0)), null, false);
	}

	/**
	 * Encode a whole session, serializing every attribute.
	 * @param session the session to encode
	 * @param maxBytes the largest encoding allowed
	 * @param key the memcached key, for messages
	 * @return the encoded session, in format 2
	 * @throws SessionTooLargeException if the encoding is longer than {@code maxBytes}
	 * @throws SessionSerializationException if an attribute value cannot be serialized
	 */
	public byte[] encode(Session session, long maxBytes, String key) {
		Map<String, byte @Nullable []> attributes = new LinkedHashMap<>();
		for (String name : session.getAttributeNames()) {
			attributes.put(name, serialize(name, session.getAttribute(name), maxBytes, key));
		}
		return encode(new SessionEntry(SessionEntry.Kind.SESSION, session.getId(), session.getCreationTime(),
				session.getLastAccessedTime(), session.getMaxInactiveInterval(), attributes, Map.of()), maxBytes, key);
	}

	/**
	 * Encode an entry from its attributes' bytes, serializing nothing.
	 * @param entry the entry, every attribute with its bytes
	 * @param maxBytes the largest encoding allowed
	 * @param key the memcached key, for messages
	 * @return the encoded entry, in format 2
	 * @throws SessionTooLargeException if the encoding is longer than {@code maxBytes}
	 */
	public byte[] encode(SessionEntry entry, long maxBytes, String key) {
		BoundedOutputStream bytes = new BoundedOutputStream(maxBytes, estimatedSize(entry));
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeInt(MAGIC);
			out.writeByte(VERSION_2);
			out.writeByte(entry.getKind().ordinal());
			out.writeUTF(entry.getId());
			writeInstant(out, entry.getCreationTime());
			writeInstant(out, entry.getLastAccessedTime());
			out.writeLong(entry.getMaxInactiveInterval().getSeconds());
			out.writeInt(entry.getMaxInactiveInterval().getNano());
			out.writeInt(entry.getRawAttributes().size());
			for (Map.Entry<String, byte @Nullable []> attribute : entry.getRawAttributes().entrySet()) {
				byte[] value = attribute.getValue();
				Assert.state(value != null, () -> "Attribute '" + attribute.getKey() + "' has no bytes");
				out.writeUTF(attribute.getKey());
				out.writeInt(value.length);
				out.write(value);
			}
		}
		catch (SizeLimitReachedException ex) {
			throw tooLarge(key, maxBytes);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Session entry '" + key + "' could not be written", ex);
		}
		return bytes.toByteArray();
	}

	/**
	 * At least the size of an entry's encoding, as long as its names are ASCII.
	 */
	private static int estimatedSize(SessionEntry entry) {
		long size = 64 + entry.getId().length();
		for (Map.Entry<String, byte @Nullable []> attribute : entry.getRawAttributes().entrySet()) {
			byte[] value = attribute.getValue();
			size += 6 + attribute.getKey().length() + ((value != null) ? value.length : 0);
		}
		return (int) Math.min(size, Integer.MAX_VALUE - 8);
	}

	/**
	 * Serialize one attribute value on its own.
	 * @param name the attribute name, for messages
	 * @param value the value
	 * @param maxBytes the largest encoding allowed
	 * @param key the memcached key, for messages
	 * @return the serialized value
	 * @throws SessionTooLargeException if the value is longer than {@code maxBytes} or holds more
	 * objects than the allow-list lets a read hold
	 * @throws SessionSerializationException if the value cannot be serialized
	 */
	public byte[] serialize(String name, @Nullable Object value, long maxBytes, String key) {
		byte[] number = BoxedNumbers.serialize(value);
		if (number != null && number.length <= maxBytes) {
			return number;
		}
		byte[] compact = (this.writeCompact && this.compactValues != null) ? this.compactValues.write(value) : null;
		if (compact != null) {
			if (compact.length > maxBytes) {
				throw tooLarge(key, maxBytes);
			}
			return compact;
		}
		BoundedOutputStream bytes = new BoundedOutputStream(maxBytes, 1024);
		try (CountingObjectOutputStream out = new CountingObjectOutputStream(bytes,
				this.allowList.getMaxReferences())) {
			out.writeObject(value);
		}
		catch (SizeLimitReachedException ex) {
			throw tooLarge(key, maxBytes);
		}
		catch (TooManyObjectsException ex) {
			throw new SessionTooLargeException("Session '" + key + "' holds more than "
					+ this.allowList.getMaxReferences() + " objects in attribute '" + name + "', more than it "
					+ "may hold when read back, and is not written to memcached; raise "
					+ "dynamic-bean.session.serialization.max-references, or keep less in the session", maxBytes);
		}
		catch (NotSerializableException ex) {
			throw new SessionSerializationException("Session '" + key + "' is not written to memcached: attribute '"
					+ name + "' holds a " + ex.getMessage() + ", which is not Serializable", ex);
		}
		catch (IOException ex) {
			throw new SessionSerializationException("Session '" + key + "' is not written to memcached: attribute '"
					+ name + "' cannot be serialized (" + ex + ")", ex);
		}
		return bytes.toByteArray();
	}

	private static SessionTooLargeException tooLarge(String key, long maxBytes) {
		return new SessionTooLargeException("Session '" + key + "' is larger than " + maxBytes
				+ " bytes (encoded, without key and item header) and is not written to memcached; raise "
				+ "dynamic-bean.memcached.max-item-size together with memcached's -I option, or keep less "
				+ "in the session", maxBytes);
	}

	private static void writeInstant(DataOutput out, Instant instant) throws IOException {
		out.writeLong(instant.getEpochSecond());
		out.writeInt(instant.getNano());
	}

	/**
	 * Tell whether an entry may be a tombstone, from its first bytes only, without decoding it:
	 * an entry for which this is {@code false} decodes as a session, or not at all.
	 * @param data the value of the memcached item
	 * @return whether the entry's header says it is a tombstone
	 */
	public static boolean mayBeTombstone(byte[] data) {
		return data.length > 5 && ((data[0] & 0xFF) << 24 | (data[1] & 0xFF) << 16 | (data[2] & 0xFF) << 8
				| (data[3] & 0xFF)) == MAGIC && data[4] == VERSION_2 && data[5] == SessionEntry.Kind.TOMBSTONE.ordinal();
	}

	/**
	 * Decode an entry of format 1 or 2, deserializing every attribute value.
	 * @param data the value of the memcached item
	 * @param expectedId the session id the entry was read for
	 * @return the entry, whose id is {@code expectedId}
	 * @throws InvalidSessionEntryException if the entry is not a valid session or tombstone for
	 * that id, or is of format 1 and holds a value that cannot be read
	 */
	public SessionEntry decode(byte[] data, String expectedId) throws InvalidSessionEntryException {
		if (data.length > this.allowList.getMaxBytes()) {
			throw new InvalidSessionEntryException("the entry is larger than " + this.allowList.getMaxBytes()
					+ " bytes", null);
		}
		if (data.length >= 2 && ((data[0] & 0xFF) << 8 | (data[1] & 0xFF)) == JAVA_STREAM_MAGIC) {
			return decodeVersion1(data, expectedId);
		}
		try {
			DataInputStream in = new DataInputStream(new UnsynchronizedInputStream(data));
			if (in.readInt() != MAGIC || in.readByte() != VERSION_2) {
				throw new InvalidSessionEntryException("the entry is not a session written by this version", null);
			}
			int kind = in.readByte();
			if (kind < 0 || kind >= SessionEntry.Kind.values().length) {
				throw new InvalidSessionEntryException("the entry is of unknown kind " + kind, null);
			}
			Header header = readHeader(in, expectedId);
			int count = header.attributeCount();
			Map<String, byte @Nullable []> raw = new LinkedHashMap<>();
			Map<String, Object> values = new LinkedHashMap<>();
			Map<String, UnreadableValue> unreadable = new LinkedHashMap<>(0);
			for (int i = 0; i < count; i++) {
				String name = in.readUTF();
				int length = in.readInt();
				if (length < 0 || length > in.available()) {
					throw new InvalidSessionEntryException("attribute '" + name + "' claims " + length + " bytes", null);
				}
				byte[] bytes = in.readNBytes(length);
				if (raw.put(name, bytes) != null) {
					throw new InvalidSessionEntryException("attribute '" + name + "' appears twice", null);
				}
				Object value = deserialize(header.id(), name, bytes);
				if (value instanceof UnreadableValue failure) {
					unreadable.put(name, failure);
				}
				else {
					values.put(name, value);
				}
			}
			if (in.read() != -1) {
				throw new InvalidSessionEntryException("the entry has trailing bytes", null);
			}
			if (kind == SessionEntry.Kind.TOMBSTONE.ordinal() && count != 0) {
				throw new InvalidSessionEntryException("a tombstone holds attributes", null);
			}
			return header.entry(SessionEntry.Kind.values()[kind], raw, values, unreadable);
		}
		catch (InvalidSessionEntryException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new InvalidSessionEntryException("the entry cannot be read (" + ex + ")", ex);
		}
	}

	/**
	 * Read what formats 1 and 2 both begin with after their version: id, times and attribute count.
	 */
	private static Header readHeader(DataInput in, String expectedId) throws IOException, InvalidSessionEntryException {
		String id = readId(in.readUTF(), expectedId);
		Instant creationTime = readInstant(in);
		Instant lastAccessedTime = readInstant(in);
		Duration maxInactiveInterval = Duration.ofSeconds(in.readLong(), in.readInt());
		return new Header(id, creationTime, lastAccessedTime, maxInactiveInterval, readAttributeCount(in.readInt()));
	}

	private static String readId(String id, String expectedId) throws InvalidSessionEntryException {
		if (!id.equals(expectedId)) {
			throw new InvalidSessionEntryException("the entry holds another session's id", null);
		}
		return id;
	}

	private static int readAttributeCount(int count) throws InvalidSessionEntryException {
		if (count < 0 || count > MAX_ATTRIBUTES) {
			throw new InvalidSessionEntryException("the entry claims " + count + " attributes", null);
		}
		return count;
	}

	/**
	 * Read one value on its own: the value, or an {@link UnreadableValue} saying why it cannot be
	 * read, which is never remembered in the decoded-value cache.
	 */
	private Object deserialize(String sessionId, String name, byte[] bytes) {
		Object decoded = BoxedNumbers.deserialize(bytes);
		if (decoded == null) {
			decoded = this.decodedValues.get(sessionId, name, bytes);
		}
		if (decoded != null) {
			return decoded;
		}
		if (this.compactValues != null && CompactValues.isCompact(bytes)) {
			Object value = this.compactValues.read(bytes);
			if (!(value instanceof UnreadableValue)) {
				this.decodedValues.remember(sessionId, name, bytes, value);
			}
			return value;
		}
		AllowListObjectInputStream in = null;
		try {
			in = new AllowListObjectInputStream(new ByteArrayInputStream(bytes), this.allowList, this.classLoader);
			Object value = in.readObject();
			if (value == null || in.read() != -1) {
				return new UnreadableValue(UnreadableValue.Reason.CORRUPT, (value != null) ? value.getClass().getName()
						: null, "it is null or has trailing bytes");
			}
			this.decodedValues.remember(sessionId, name, bytes, value);
			return value;
		}
		catch (Exception | StackOverflowError ex) {
			return UnreadableValue.of(ex, in);
		}
	}

	/**
	 * Decode an entry of format 1: one Java serialization stream.
	 */
	private SessionEntry decodeVersion1(byte[] data, String expectedId) throws InvalidSessionEntryException {
		AllowListObjectInputStream in = null;
		try {
			in = new AllowListObjectInputStream(new ByteArrayInputStream(data), this.allowList, this.classLoader);
			if (in.readInt() != MAGIC || in.readByte() != VERSION_1) {
				throw new InvalidSessionEntryException("the entry is not a session written by this version", null);
			}
			Header header = readHeader(in, expectedId);
			int count = header.attributeCount();
			Map<String, byte @Nullable []> raw = new LinkedHashMap<>();
			Map<String, Object> values = new LinkedHashMap<>();
			for (int i = 0; i < count; i++) {
				String name = in.readUTF();
				Object value = in.readObject();
				if (value != null) {
					raw.put(name, null);
					values.put(name, value);
				}
			}
			if (in.read() != -1) {
				throw new InvalidSessionEntryException("the entry has trailing bytes", null);
			}
			return header.entry(SessionEntry.Kind.SESSION, raw, values, Map.of());
		}
		catch (InvalidSessionEntryException ex) {
			throw ex;
		}
		catch (Exception | StackOverflowError ex) {
			String rejection = (in != null) ? in.getRejection() : null;
			String reason = (rejection != null) ? rejection : "the entry cannot be read (" + ex + ")";
			throw new InvalidSessionEntryException(reason, ex);
		}
	}

	private static Instant readInstant(DataInput in) throws IOException {
		return Instant.ofEpochSecond(in.readLong(), in.readInt());
	}

	private record Header(String id, Instant creationTime, Instant lastAccessedTime, Duration maxInactiveInterval,
			int attributeCount) {

		SessionEntry entry(SessionEntry.Kind kind, Map<String, byte @Nullable []> raw, Map<String, Object> values,
				Map<String, UnreadableValue> unreadable) {
			return SessionEntry.owning(kind, this.id, this.creationTime, this.lastAccessedTime,
					this.maxInactiveInterval, raw, values, unreadable);
		}

	}

	/**
	 * A byte array output stream that refuses to grow past a limit; unlike
	 * {@link ByteArrayOutputStream}, not synchronized, since it never leaves the thread that
	 * writes it.
	 */
	private static final class BoundedOutputStream extends OutputStream {

		private final long limit;

		private byte[] buffer;

		private int count;

		BoundedOutputStream(long limit, int initialCapacity) {
			this.limit = limit;
			this.buffer = new byte[(int) Math.max(1, Math.min(initialCapacity, limit))];
		}

		@Override
		public void write(int b) {
			ensureRoom(1);
			this.buffer[this.count++] = (byte) b;
		}

		@Override
		public void write(byte[] b, int off, int len) {
			Objects.checkFromIndexSize(off, len, b.length);
			ensureRoom(len);
			System.arraycopy(b, off, this.buffer, this.count, len);
			this.count += len;
		}

		private void ensureRoom(int len) {
			long needed = this.count + (long) len;
			if (needed > this.limit) {
				throw new SizeLimitReachedException();
			}
			if (needed > this.buffer.length) {
				long grown = Math.max(needed, Math.min(2L * this.buffer.length, this.limit));
				this.buffer = Arrays.copyOf(this.buffer, (int) grown);
			}
		}

		byte[] toByteArray() {
			return (this.count == this.buffer.length) ? this.buffer : Arrays.copyOf(this.buffer, this.count);
		}

	}

	/**
	 * The bytes of an entry as an input stream; unlike {@link ByteArrayInputStream}, not
	 * synchronized, since it never leaves the thread that reads it.
	 */
	private static final class UnsynchronizedInputStream extends InputStream {

		private final byte[] data;

		private int position;

		UnsynchronizedInputStream(byte[] data) {
			this.data = data;
		}

		@Override
		public int read() {
			return (this.position < this.data.length) ? (this.data[this.position++] & 0xFF) : -1;
		}

		@Override
		public int read(byte[] b, int off, int len) {
			Objects.checkFromIndexSize(off, len, b.length);
			if (len == 0) {
				return 0;
			}
			int available = this.data.length - this.position;
			if (available <= 0) {
				return -1;
			}
			int read = Math.min(len, available);
			System.arraycopy(this.data, this.position, b, off, read);
			this.position += read;
			return read;
		}

		@Override
		public int available() {
			return this.data.length - this.position;
		}

	}

	/**
	 * An object output stream that counts the objects it writes (strings included, references
	 * to objects already written excluded, as the reading side counts them).
	 */
	private static final class CountingObjectOutputStream extends ObjectOutputStream {

		private final int maxObjects;

		private int objects;

		CountingObjectOutputStream(OutputStream out, int maxObjects) throws IOException {
			super(out);
			this.maxObjects = maxObjects;
			enableReplaceObject(true);
		}

		@Override
		protected Object replaceObject(Object obj) {
			if (++this.objects > this.maxObjects) {
				throw new TooManyObjectsException();
			}
			return obj;
		}

	}

	/**
	 * Thrown by {@link CountingObjectOutputStream} through {@link ObjectOutputStream}.
	 */
	private static final class TooManyObjectsException extends RuntimeException {

		TooManyObjectsException() {
			super(null, null, false, false);
		}

	}

	/**
	 * Thrown by {@link BoundedOutputStream} through {@link ObjectOutputStream}, which passes
	 * unchecked exceptions on untouched.
	 */
	private static final class SizeLimitReachedException extends RuntimeException {

		SizeLimitReachedException() {
			super(null, null, false, false);
		}

	}

}
