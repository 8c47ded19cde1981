/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.support;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;

import io.dynamicbean.memcached.SessionSerializationException;
import io.dynamicbean.memcached.SessionTooLargeException;
import io.dynamicbean.session.serialization.AllowListObjectInputStream;
import io.dynamicbean.session.serialization.DeserializationAllowList;
import org.jspecify.annotations.Nullable;

import org.springframework.session.MapSession;
import org.springframework.session.Session;
import org.springframework.util.Assert;

/**
 * Encodes a session as the value of one memcached item and decodes it back, safely.
 *
 * <p>The encoding is a Java serialization stream holding a header (a magic number, a format
 * version, the session id, its creation and last-access times and its max inactive interval) and
 * then each attribute as its name and its serialized value. Decoding reads through a
 * {@link DeserializationAllowList}: an entry that is not in this format, is for another session
 * id, breaks a limit, or holds a class off the list is refused with an
 * {@link InvalidSessionEntryException} before any refused class is loaded.
 *
 * <p>Encoding stops as soon as the output passes the size limit or holds more objects than the
 * allow-list lets a read hold, and throws {@link SessionTooLargeException}, so that a session
 * is never written that could not be read back; an attribute value that cannot be serialized throws
 * {@link SessionSerializationException}.
 */
public final class SessionCodec {

	private static final int MAGIC = 0x44424D53;

	private static final byte VERSION = 1;

	private static final int MAX_ATTRIBUTES = 10_000;

	private final DeserializationAllowList allowList;

	private final @Nullable ClassLoader classLoader;

	/**
	 * Create a codec.
	 * @param allowList the classes and limits for decoding; its byte limit also caps encoding
	 * @param classLoader the class loader for attribute classes, or {@code null} for the default
	 */
	public SessionCodec(DeserializationAllowList allowList, @Nullable ClassLoader classLoader) {
		Assert.notNull(allowList, "allowList must not be null");
		this.allowList = allowList;
		this.classLoader = classLoader;
	}

	/**
	 * Encode a session.
	 * @param session the session to encode
	 * @param maxBytes the largest encoding allowed
	 * @param key the memcached key, for messages
	 * @return the encoded session
	 * @throws SessionTooLargeException if the encoding is longer than {@code maxBytes}
	 * @throws SessionSerializationException if an attribute value cannot be serialized
	 */
	public byte[] encode(Session session, long maxBytes, String key) {
		BoundedOutputStream bytes = new BoundedOutputStream(maxBytes);
		String attribute = null;
		try (CountingObjectOutputStream out = new CountingObjectOutputStream(bytes,
				this.allowList.getMaxReferences())) {
			out.writeInt(MAGIC);
			out.writeByte(VERSION);
			out.writeUTF(session.getId());
			writeInstant(out, session.getCreationTime());
			writeInstant(out, session.getLastAccessedTime());
			Duration maxInactive = session.getMaxInactiveInterval();
			out.writeLong(maxInactive.getSeconds());
			out.writeInt(maxInactive.getNano());
			out.writeInt(session.getAttributeNames().size());
			for (String name : session.getAttributeNames()) {
				attribute = name;
				out.writeUTF(name);
				out.writeObject(session.getAttribute(name));
			}
			attribute = null;
		}
		catch (SizeLimitReachedException ex) {
			throw new SessionTooLargeException("Session '" + key + "' is larger than " + maxBytes
					+ " bytes (encoded, without key and item header) and is not written to memcached; raise "
					+ "dynamic-bean.memcached.max-item-size together with memcached's -I option, or keep less "
					+ "in the session", maxBytes);
		}
		catch (TooManyObjectsException ex) {
			throw new SessionTooLargeException("Session '" + key + "' holds more than "
					+ this.allowList.getMaxReferences() + " objects (attribute '" + attribute + "'), more than it "
					+ "may hold when read back, and is not written to memcached; raise "
					+ "dynamic-bean.session.serialization.max-references, or keep less in the session", maxBytes);
		}
		catch (NotSerializableException ex) {
			throw new SessionSerializationException("Session '" + key + "' is not written to memcached: attribute '"
					+ attribute + "' holds a " + ex.getMessage() + ", which is not Serializable", ex);
		}
		catch (IOException ex) {
			throw new SessionSerializationException("Session '" + key + "' is not written to memcached: attribute '"
					+ attribute + "' cannot be serialized (" + ex + ")", ex);
		}
		return bytes.toByteArray();
	}

	private static void writeInstant(ObjectOutputStream out, Instant instant) throws IOException {
		out.writeLong(instant.getEpochSecond());
		out.writeInt(instant.getNano());
	}

	/**
	 * Decode a session entry.
	 * @param data the value of the memcached item
	 * @param expectedId the session id the entry was read for
	 * @return the session, whose id is {@code expectedId}
	 * @throws InvalidSessionEntryException if the entry is not a valid session for that id, or
	 * holds something the allow-list refuses
	 */
	public MapSession decode(byte[] data, String expectedId) throws InvalidSessionEntryException {
		AllowListObjectInputStream in = null;
		try {
			if (data.length > this.allowList.getMaxBytes()) {
				throw new InvalidSessionEntryException("the entry is larger than " + this.allowList.getMaxBytes()
						+ " bytes", null);
			}
			in = new AllowListObjectInputStream(new ByteArrayInputStream(data), this.allowList, this.classLoader);
			if (in.readInt() != MAGIC || in.readByte() != VERSION) {
				throw new InvalidSessionEntryException("the entry is not a session written by this version", null);
			}
			String id = in.readUTF();
			if (!id.equals(expectedId)) {
				throw new InvalidSessionEntryException("the entry holds another session's id", null);
			}
			MapSession session = new MapSession(id);
			session.setCreationTime(readInstant(in));
			session.setLastAccessedTime(readInstant(in));
			session.setMaxInactiveInterval(Duration.ofSeconds(in.readLong(), in.readInt()));
			int attributes = in.readInt();
			if (attributes < 0 || attributes > MAX_ATTRIBUTES) {
				throw new InvalidSessionEntryException("the entry claims " + attributes + " attributes", null);
			}
			for (int i = 0; i < attributes; i++) {
				String name = in.readUTF();
				session.setAttribute(name, in.readObject());
			}
			if (in.read() != -1) {
				throw new InvalidSessionEntryException("the entry has trailing bytes", null);
			}
			return session;
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

	private static Instant readInstant(AllowListObjectInputStream in) throws IOException {
		return Instant.ofEpochSecond(in.readLong(), in.readInt());
	}

	/**
	 * A byte array output stream that refuses to grow past a limit.
	 */
	private static final class BoundedOutputStream extends ByteArrayOutputStream {

		private final long limit;

		BoundedOutputStream(long limit) {
			super(1024);
			this.limit = limit;
		}

		@Override
		public synchronized void write(int b) {
			checkRoom(1);
			super.write(b);
		}

		@Override
		public synchronized void write(byte[] b, int off, int len) {
			checkRoom(len);
			super.write(b, off, len);
		}

		private void checkRoom(int len) {
			if (count + (long) len > this.limit) {
				throw new SizeLimitReachedException();
			}
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
