/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session.serialization;

import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.InvalidObjectException;
import java.io.ObjectInputFilter;
import java.io.ObjectStreamClass;

import org.jspecify.annotations.Nullable;

import org.springframework.core.ConfigurableObjectInputStream;

/**
 * An object input stream that reads only what a {@link DeserializationAllowList} allows: a class
 * off the list is refused by name before it is loaded, proxies are refused outright, and the
 * stream's limits are enforced by an {@link ObjectInputFilter}. Classes are loaded through the
 * given class loader. After a refusal, {@link #getRejection()} says why.
 *
 * <p>The filter is not consulted for strings, so the stream also counts every object it reads
 * itself, strings included, and refuses to go past the allow-list's reference limit.
 */
public final class AllowListObjectInputStream extends ConfigurableObjectInputStream {

	private final DeserializationAllowList allowList;

	private volatile @Nullable String rejection;

	private volatile @Nullable String rejectedClass;

	private int objects;

	/**
	 * Create a stream.
	 * @param in the serialized bytes
	 * @param allowList what may be read, not {@code null}
	 * @param classLoader the class loader for allowed classes, or {@code null} for the default
	 * @throws IOException if the stream header cannot be read
	 */
	public AllowListObjectInputStream(InputStream in, DeserializationAllowList allowList,
			@Nullable ClassLoader classLoader) throws IOException {
		super(in, classLoader);
		this.allowList = allowList;
		setObjectInputFilter(this::check);
		enableResolveObject(true);
	}

	private ObjectInputFilter.Status check(ObjectInputFilter.FilterInfo info) {
		String reason = this.allowList.rejection(info);
		if (reason != null) {
			this.rejection = reason;
			this.rejectedClass = (info.serialClass() != null) ? info.serialClass().getName() : null;
			return ObjectInputFilter.Status.REJECTED;
		}
		return (info.serialClass() != null) ? ObjectInputFilter.Status.ALLOWED : ObjectInputFilter.Status.UNDECIDED;
	}

	@Override
	protected Class<?> resolveClass(ObjectStreamClass classDesc) throws IOException, ClassNotFoundException {
		String name = classDesc.getName();
		if (!this.allowList.isAllowed(name)) {
			this.rejection = "class " + name + " is not on the allow-list";
			this.rejectedClass = name;
			throw new InvalidClassException(name, "not on the allow-list of session attribute types");
		}
		return super.resolveClass(classDesc);
	}

	@Override
	protected Class<?> resolveProxyClass(String[] interfaces) throws IOException {
		this.rejection = "proxy classes are never deserialized";
		throw new InvalidClassException(String.join(",", interfaces), "proxy classes are never deserialized");
	}

	@Override
	protected @Nullable Object resolveObject(@Nullable Object obj) throws IOException {
		if (++this.objects > this.allowList.getMaxReferences()) {
			this.rejection = "the entry holds more than " + this.allowList.getMaxReferences() + " objects";
			throw new InvalidObjectException(this.rejection);
		}
		return obj;
	}

	/**
	 * Return the class the stream refused, if it refused one (rather than a limit).
	 * @return the class name, or {@code null}
	 */
	public @Nullable String getRejectedClass() {
		return this.rejectedClass;
	}

	/**
	 * Return why the stream refused to go on, if it did.
	 * @return the reason, or {@code null}
	 */
	public @Nullable String getRejection() {
		return this.rejection;
	}

}
