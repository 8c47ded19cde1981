/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session.serialization;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.support.GenericConversionService;
import org.springframework.core.serializer.Deserializer;
import org.springframework.core.serializer.Serializer;
import org.springframework.core.serializer.support.SerializationFailedException;
import org.springframework.util.Assert;

/**
 * Java serialization of session attribute values for stores that keep each value on its own,
 * such as Spring Session's Redis and JDBC repositories, reading back only what a
 * {@link DeserializationAllowList} allows.
 *
 * <p>A value that cannot be read (its class changed or is missing in this release, the
 * allow-list refuses it or one of its limits, or it is corrupt) is not an error for the request:
 * it is read as {@code null} and counted in {@link #getUnreadableValues()}, which logs the first
 * of each class and reason at WARN. Spring Session's Redis and JDBC repositories then serve the
 * session without that attribute (a planted login becomes an anonymous session) and, since they
 * write only the attributes a request set, leave its bytes in the store for the instances that
 * can read them. A refused class is never loaded, so its {@code readObject} never runs. Such a
 * value is no failure of the store either: a failure monitor counting store exceptions does not
 * see it.
 *
 * <p>Use it as a Spring {@link Serializer} and {@link Deserializer}, or through its converters:
 * <pre class="code">
 * // Redis (spring-data-redis)
 * RedisSerializer&lt;Object&gt; values = new JdkSerializationRedisSerializer(
 *         serializer.serializingConverter(), serializer.deserializingConverter());
 * // JDBC (spring-session-jdbc)
 * jdbcIndexedSessionRepository.setConversionService(serializer.conversionService());
 * </pre>
 */
public final class SessionValueSerializer implements Serializer<Object>, Deserializer<@Nullable Object> {

	/** The store name of the unreadable values counted when none is given. */
	public static final String DEFAULT_STORE_NAME = "the session store";

	private static final Log logger = LogFactory.getLog(SessionValueSerializer.class);

	private final DeserializationAllowList allowList;

	private final @Nullable ClassLoader classLoader;

	private final UnreadableValues unreadableValues;

	/**
	 * Create a serializer reading through the given allow-list, counting the values it cannot read
	 * under the store name {@value #DEFAULT_STORE_NAME}.
	 * @param allowList what values may be read back, not {@code null}
	 * @param classLoader the class loader for allowed classes, or {@code null} for the default
	 */
	public SessionValueSerializer(DeserializationAllowList allowList, @Nullable ClassLoader classLoader) {
		this(allowList, classLoader, new UnreadableValues(DEFAULT_STORE_NAME));
	}

	/**
	 * Create a serializer reading through the given allow-list.
	 * @param allowList what values may be read back, not {@code null}
	 * @param classLoader the class loader for allowed classes, or {@code null} for the default
	 * @param unreadableValues counts and logs the values that cannot be read, not {@code null}
	 */
	public SessionValueSerializer(DeserializationAllowList allowList, @Nullable ClassLoader classLoader,
			UnreadableValues unreadableValues) {
		Assert.notNull(allowList, "allowList must not be null");
		Assert.notNull(unreadableValues, "unreadableValues must not be null");
		this.allowList = allowList;
		this.classLoader = classLoader;
		this.unreadableValues = unreadableValues;
	}

	/**
	 * Write a value with Java serialization.
	 * @param value a {@link java.io.Serializable} value
	 * @param outputStream where to write it
	 * @throws IOException if the value cannot be serialized
	 */
	@Override
	public void serialize(Object value, OutputStream outputStream) throws IOException {
		ObjectOutputStream out = new ObjectOutputStream(outputStream);
		out.writeObject(value);
		out.flush();
	}

	/**
	 * Read one value, if the allow-list allows it.
	 * @param inputStream the serialized value
	 * @return the value, or {@code null} when it cannot be read (counted, see
	 * {@link #getUnreadableValues()})
	 */
	@Override
	public @Nullable Object deserialize(InputStream inputStream) {
		AllowListObjectInputStream in = null;
		try {
			in = new AllowListObjectInputStream(inputStream, this.allowList, this.classLoader);
			return in.readObject();
		}
		catch (Exception | StackOverflowError ex) {
			this.unreadableValues.record(null, UnreadableValue.of(ex, in));
			if (logger.isDebugEnabled()) {
				logger.debug("Unreadable session attribute value", ex);
			}
			return null;
		}
	}

	/**
	 * Return a converter that serializes a value to bytes.
	 * @return the converter
	 */
	public Converter<Object, byte[]> serializingConverter() {
		return (value) -> {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
			try {
				serialize(value, bytes);
			}
			catch (IOException ex) {
				throw new SerializationFailedException("Failed to serialize a session attribute value of type "
						+ value.getClass().getName() + "; make it Serializable or keep it out of the session", ex);
			}
			return bytes.toByteArray();
		};
	}

	/**
	 * Return a converter that reads a value back from bytes, or {@code null} when it is refused.
	 * @return the converter
	 */
	public Converter<byte[], @Nullable Object> deserializingConverter() {
		return (bytes) -> {
			if (bytes.length > this.allowList.getMaxBytes()) {
				this.unreadableValues.record(null, new UnreadableValue(UnreadableValue.Reason.REFUSED, null,
						"it is larger than " + this.allowList.getMaxBytes() + " bytes"));
				return null;
			}
			return deserialize(new ByteArrayInputStream(bytes));
		};
	}

	/**
	 * Return a conversion service between values and bytes, as Spring Session's
	 * {@code JdbcIndexedSessionRepository.setConversionService} expects.
	 * @return a new conversion service
	 */
	public GenericConversionService conversionService() {
		GenericConversionService conversionService = new GenericConversionService();
		conversionService.addConverter(Object.class, byte[].class, serializingConverter());
		conversionService.addConverter(byte[].class, Object.class, deserializingConverter());
		return conversionService;
	}

	/**
	 * Return the counts of the values this serializer could not read.
	 * @return the unreadable values
	 */
	public UnreadableValues getUnreadableValues() {
		return this.unreadableValues;
	}

	/**
	 * Return the allow-list values are read through.
	 * @return the allow-list
	 */
	public DeserializationAllowList getAllowList() {
		return this.allowList;
	}

}
