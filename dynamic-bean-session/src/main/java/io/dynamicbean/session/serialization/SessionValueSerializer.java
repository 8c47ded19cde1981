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
 * <p>A value that the allow-list refuses, that breaks one of its limits, or that is corrupt is
 * not an error for the request: it is logged at WARN and read as {@code null}, so the session
 * store drops that attribute (a planted login becomes a fresh anonymous session) and the request
 * goes on. A refused class is never loaded, so its {@code readObject} never runs. Such a value
 * is no failure of the store either: a failure monitor counting store exceptions does not see it.
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

	private static final Log logger = LogFactory.getLog(SessionValueSerializer.class);

	private final DeserializationAllowList allowList;

	private final @Nullable ClassLoader classLoader;

	/**
	 * Create a serializer reading through the given allow-list.
	 * @param allowList what values may be read back, not {@code null}
	 * @param classLoader the class loader for allowed classes, or {@code null} for the default
	 */
	public SessionValueSerializer(DeserializationAllowList allowList, @Nullable ClassLoader classLoader) {
		Assert.notNull(allowList, "allowList must not be null");
		this.allowList = allowList;
		this.classLoader = classLoader;
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
	 * @return the value, or {@code null} when it is refused or corrupt (logged at WARN)
	 */
	@Override
	public @Nullable Object deserialize(InputStream inputStream) {
		AllowListObjectInputStream in = null;
		try {
			in = new AllowListObjectInputStream(inputStream, this.allowList, this.classLoader);
			return in.readObject();
		}
		catch (Exception | StackOverflowError ex) {
			String rejection = (in != null) ? in.getRejection() : null;
			String reason = (rejection != null) ? rejection : "it cannot be read (" + ex + ")";
			logger.warn("Dropped a session attribute value read back from the session store: " + reason);
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
				logger.warn("Dropped a session attribute value read back from the session store: it is larger than "
						+ this.allowList.getMaxBytes() + " bytes");
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
	 * Return the allow-list values are read through.
	 * @return the allow-list
	 */
	public DeserializationAllowList getAllowList() {
		return this.allowList;
	}

}
