/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.session.Session;

/**
 * What requests changed in a session while it was served from the local store instead of the
 * remote store it was loaded from: each attribute set or removed, with the value it had in the
 * version the local one was taken from, and whether the max inactive interval was changed. When
 * the remote store answers again, these are applied onto the version it holds, so that changes
 * made meanwhile through other instances to other attributes are kept too. An attribute changed
 * on both sides keeps the value of the side that changed the session more often since the local
 * version was taken.
 *
 * @param baseValues the attributes changed locally, in the order first changed, each with the
 * value it had in the version the local one was taken from ({@code null} if it had none, a marker
 * if that version is not held here)
 * @param maxInactiveInterval whether the max inactive interval was changed locally
 */
record LocalChanges(Map<String, @Nullable Object> baseValues, boolean maxInactiveInterval) {

	/** No change. */
	static final LocalChanges NONE = new LocalChanges(Map.of(), false);

	/** The earlier value of an attribute when it is not known: never equal to a value. */
	private static final Object UNKNOWN = new Object();

	LocalChanges {
		baseValues = Collections.unmodifiableMap(new LinkedHashMap<>(baseValues));
	}

	/**
	 * Return these changes together with those a request made through the given session; an
	 * attribute changed before keeps its first base value.
	 * @param session the session saved
	 * @param base the version the local one is taken from, as held here, or {@code null} if not
	 * held: the earlier values of newly changed attributes are then those the session had before
	 * the request changed them (the version it was found in), else unknown, and an attribute the
	 * remote version changed more often keeps the remote value
	 */
	LocalChanges plus(SwitchableSession session, @Nullable Session base) {
		Map<String, @Nullable Object> values = new LinkedHashMap<>(this.baseValues);
		for (String name : session.getChangedAttributes().keySet()) {
			if (!values.containsKey(name)) {
				Object[] before = (base != null) ? null : session.valueBeforeChange(name);
				values.put(name, (base != null) ? base.getAttribute(name) : (before != null) ? before[0] : UNKNOWN);
			}
		}
		return new LocalChanges(values, this.maxInactiveInterval || session.isMaxInactiveIntervalChanged());
	}

	/**
	 * Return whether no change is recorded.
	 */
	boolean isEmpty() {
		return this.baseValues.isEmpty() && !this.maxInactiveInterval;
	}

	/**
	 * Apply the changes, as the local version holds them, onto the remote store's version of the
	 * session: a changed attribute takes the local value (or is removed if the local version no
	 * longer holds it) unless the remote version changed it too and was changed more often; the max
	 * inactive interval takes the local one if it was changed; the last access time the later of
	 * the two. Nothing else of the target is touched.
	 * @param local the local version holding the changes
	 * @param target the remote version, changed in place
	 */
	void applyTo(Session local, Session target) {
		boolean remoteChangedMoreOften = SessionVersions.of(target) > SessionVersions.of(local);
		this.baseValues.forEach((name, baseValue) -> {
			if (remoteChangedMoreOften && !Objects.equals(target.getAttribute(name), baseValue)) {
				return;
			}
			Object value = local.getAttribute(name);
			if (value != null) {
				target.setAttribute(name, value);
			}
			else {
				target.removeAttribute(name);
			}
		});
		if (this.maxInactiveInterval) {
			target.setMaxInactiveInterval(local.getMaxInactiveInterval());
		}
		if (local.getLastAccessedTime().isAfter(target.getLastAccessedTime())) {
			target.setLastAccessedTime(local.getLastAccessedTime());
		}
	}

}
