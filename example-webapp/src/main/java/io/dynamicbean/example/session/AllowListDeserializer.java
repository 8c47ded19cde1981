/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.session;

import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.ConfigurableObjectInputStream;
import org.springframework.core.serializer.Deserializer;
import org.springframework.util.Assert;

/**
 * Reads session attribute values that a session store kept with Java serialization, allowing only
 * the classes that the sessions of this application hold, so that a poisoned entry in the store
 * cannot make the application build an object of another class (the way deserialization attacks
 * run code).
 *
 * <p>An entry that breaks the rules is not an error for the request: it is logged at WARN and read
 * as {@code null}, so the session store drops that attribute (a login becomes a fresh
 * anonymous session) and the request goes on.
 *
 * <p>The rules are an {@link ObjectInputFilter} pattern, {@link #DEFAULT_FILTER} by default:
 * {@code java.lang}, {@code java.math}, {@code java.util} and {@code java.time} value and
 * collection types, and Spring Security's authentication, context, CSRF and saved-request types;
 * at most 1 MB, 32 levels deep and 10,000 references. An application that keeps types of its own
 * in the session adds their packages to the pattern.
 */
public final class AllowListDeserializer implements Deserializer<@Nullable Object> {

	/**
	 * The default rules, as an {@link ObjectInputFilter} pattern.
	 */
	public static final String DEFAULT_FILTER = "maxbytes=1048576;maxdepth=32;maxrefs=10000;maxarray=1048576;"
			+ "java.lang.*;java.math.*;java.util.*;java.time.**;org.springframework.security.core.**;"
			+ "org.springframework.security.authentication.**;org.springframework.security.web.authentication.*;"
			+ "org.springframework.security.web.csrf.*;org.springframework.security.web.savedrequest.*;!*";

	private static final Log logger = LogFactory.getLog(AllowListDeserializer.class);

	private final ObjectInputFilter filter;

	private final @Nullable ClassLoader classLoader;

	/**
	 * Create a deserializer with the {@link #DEFAULT_FILTER default rules}.
	 * @param classLoader the class loader to load allowed classes with, or {@code null} for the
	 * default
	 */
	public AllowListDeserializer(@Nullable ClassLoader classLoader) {
		this(DEFAULT_FILTER, classLoader);
	}

	/**
	 * Create a deserializer with the given rules.
	 * @param filterPattern the rules, as {@link ObjectInputFilter.Config#createFilter(String)}
	 * reads them, not empty; end it with {@code !*} to refuse whatever is not allowed
	 * @param classLoader the class loader to load allowed classes with, or {@code null} for the
	 * default
	 */
	public AllowListDeserializer(String filterPattern, @Nullable ClassLoader classLoader) {
		Assert.hasText(filterPattern, "filterPattern must not be empty");
		this.filter = ObjectInputFilter.Config.createFilter(filterPattern);
		this.classLoader = classLoader;
	}

	@Override
	public @Nullable Object deserialize(InputStream inputStream) {
		try (ObjectInputStream objects = new ConfigurableObjectInputStream(inputStream, this.classLoader)) {
			objects.setObjectInputFilter(this.filter);
			return objects.readObject();
		}
		catch (InvalidClassException | ClassNotFoundException ex) {
			logger.warn("Dropped a session attribute whose serialized form is not allowed: " + ex.getMessage());
			return null;
		}
		catch (IOException ex) {
			logger.warn("Dropped a session attribute whose serialized form is corrupt: " + ex);
			return null;
		}
	}

}
