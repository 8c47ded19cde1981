/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session.serialization;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Counts and reports the session attribute values one store could not read back: a class that
 * changed, is missing or is refused, or corrupt bytes. Such a value is left out of that read
 * only; the session and its other values are served, and the store keeps the value's bytes.
 *
 * <p>Each is counted by {@link UnreadableValue.Reason reason} ({@link #getCount}), for example to
 * back a meter {@code dynamic.bean.session.values.unreadable} tagged {@code reason} and
 * {@code store} ({@link #getStoreName()}). The first value of each class and reason is logged at
 * WARN, naming the attribute when the store knows it, the class and why; repeats are logged at
 * DEBUG. The classes already warned about are remembered up to a bound
 * ({@link #DEFAULT_MAX_WARNED_CLASSES} by default); past it, new ones are logged at DEBUG only,
 * after one WARN saying so. Thread-safe.
 */
public final class UnreadableValues {

	/** How many classes and reasons are remembered as warned about, by default. */
	public static final int DEFAULT_MAX_WARNED_CLASSES = 1024;

	private static final Log logger = LogFactory.getLog(UnreadableValues.class);

	private final String storeName;

	private final int maxWarnedClasses;

	private final Map<UnreadableValue.Reason, LongAdder> counts = new EnumMap<>(UnreadableValue.Reason.class);

	private final Set<String> warned = ConcurrentHashMap.newKeySet();

	private final AtomicBoolean warnedFull = new AtomicBoolean();

	/**
	 * Create the counts of a store, warning about {@link #DEFAULT_MAX_WARNED_CLASSES} classes at
	 * most.
	 * @param storeName the store, in logs and as the {@code store} tag, such as
	 * {@code memcached}; not empty
	 */
	public UnreadableValues(String storeName) {
		this(storeName, DEFAULT_MAX_WARNED_CLASSES);
	}

	/**
	 * Create the counts of a store.
	 * @param storeName the store, in logs and as the {@code store} tag; not empty
	 * @param maxWarnedClasses how many classes and reasons are remembered as warned about; positive
	 */
	public UnreadableValues(String storeName, int maxWarnedClasses) {
		Assert.hasText(storeName, "storeName must not be empty");
		Assert.isTrue(maxWarnedClasses > 0, "maxWarnedClasses must be positive");
		this.storeName = storeName;
		this.maxWarnedClasses = maxWarnedClasses;
		for (UnreadableValue.Reason reason : UnreadableValue.Reason.values()) {
			this.counts.put(reason, new LongAdder());
		}
	}

	/**
	 * Count a value left out of a read, and log it: at WARN the first time for its class and
	 * reason, at DEBUG after.
	 * @param attributeName the attribute, or {@code null} when the store does not tell
	 * @param value why it could not be read, not {@code null}
	 */
	public void record(@Nullable String attributeName, UnreadableValue value) {
		Assert.notNull(value, "value must not be null");
		this.counts.get(value.reason()).increment();
		String message = message(attributeName, value);
		if (firstOfItsKind(value)) {
			logger.warn(message);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(message);
		}
	}

	private boolean firstOfItsKind(UnreadableValue value) {
		String kind = value.reason().tag() + " " + value.className();
		if (this.warned.contains(kind)) {
			return false;
		}
		if (this.warned.size() >= this.maxWarnedClasses) {
			if (this.warnedFull.compareAndSet(false, true)) {
				logger.warn("Unreadable session attribute values of more than " + this.maxWarnedClasses
						+ " classes and reasons read back from " + this.storeName + "; those of further ones are "
						+ "logged at DEBUG only");
			}
			return false;
		}
		return this.warned.add(kind);
	}

	private String message(@Nullable String attributeName, UnreadableValue value) {
		String attribute = (attributeName != null) ? "attribute '" + attributeName + "'" : "attribute name not known";
		String className = (value.className() != null) ? value.className() : "unknown";
		return "Dropped a session attribute value read back from " + this.storeName + ": " + value.detail() + " ("
				+ attribute + ", class " + className + ", reason " + value.reason().tag() + "); the session is "
				+ "served without it and the value stays in the store as it was, for the instances that can read "
				+ "it. Logged once per class and reason";
	}

	/**
	 * Return how many values were left out for a reason since this object was created.
	 * @param reason the reason, not {@code null}
	 * @return the count
	 */
	public long getCount(UnreadableValue.Reason reason) {
		Assert.notNull(reason, "reason must not be null");
		return this.counts.get(reason).sum();
	}

	/**
	 * Return how many values were left out, whatever the reason.
	 * @return the count
	 */
	public long getTotal() {
		return this.counts.values().stream().mapToLong(LongAdder::sum).sum();
	}

	/**
	 * Return the store whose reads are counted, as given.
	 * @return the store name
	 */
	public String getStoreName() {
		return this.storeName;
	}

}
