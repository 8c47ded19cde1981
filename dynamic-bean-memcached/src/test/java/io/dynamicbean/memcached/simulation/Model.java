/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.simulation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.session.Session;

/**
 * What the clients were told: which logouts (and id changes) were acknowledged, and per session
 * and attribute the last acknowledged change and the changes whose outcome is unknown (their save
 * failed, and may have been applied) made after it. Checks what a read returns against it: I1, a
 * logout is never undone (nor an id change: the old id never resolves again), and I2, an
 * acknowledged change is never lost except to a later change of the same attribute.
 */
final class Model {

	private final List<Tracked> sessions = new ArrayList<>();

	private final Set<String> loggedOut = new LinkedHashSet<>();

	private @Nullable String violation;

	private int missing;

	Tracked created(String id) {
		Tracked session = new Tracked(this.sessions.size(), id);
		this.sessions.add(session);
		return session;
	}

	List<Tracked> sessions() {
		return this.sessions;
	}

	Set<String> loggedOut() {
		return this.loggedOut;
	}

	void loggedOut(Tracked session) {
		this.loggedOut.add(session.id);
		session.gone = true;
	}

	void idChanged(Tracked session, String newId) {
		this.loggedOut.add(session.id);
		session.id = newId;
	}

	@Nullable String violation() {
		return this.violation;
	}

	int missing() {
		return this.missing;
	}

	/**
	 * Check what a read of an id returned.
	 */
	void checkRead(String id, @Nullable Session found, String where) {
		if (this.violation != null) {
			return;
		}
		if (found != null && this.loggedOut.contains(id)) {
			this.violation = "I1 " + where + ": session " + Keys.shortId(id) + " served after its logout (or id change) "
					+ "was acknowledged";
			return;
		}
		Tracked session = find(id);
		if (session == null || session.uncertain) {
			return;
		}
		if (found == null) {
			if (!session.gone && !session.maybeGone) {
				this.missing++;
			}
			return;
		}
		for (Map.Entry<String, Attribute> attribute : session.attributes.entrySet()) {
			Object value = found.getAttribute(attribute.getKey());
			if (!attribute.getValue().allows(value)) {
				this.violation = "I2 " + where + ": session " + Keys.shortId(id) + " attribute " + attribute.getKey()
						+ " is " + value + ", acknowledged " + attribute.getValue().acknowledged + ", unknown since "
						+ attribute.getValue().unknown;
				return;
			}
		}
	}

	@Nullable Tracked find(String id) {
		for (Tracked session : this.sessions) {
			if (session.id.equals(id)) {
				return session;
			}
		}
		return null;
	}

	/**
	 * A session the simulation made, under its current id.
	 */
	static final class Tracked {

		final int number;

		String id;

		/** Its logout was acknowledged. */
		boolean gone;

		/** A logout was tried, with an unknown outcome. */
		boolean maybeGone;

		/** An id change had an unknown outcome: which id holds it is not known. */
		boolean uncertain;

		final Map<String, Attribute> attributes = new LinkedHashMap<>();

		Tracked(int number, String id) {
			this.number = number;
			this.id = id;
		}

		void acknowledged(String name, String value) {
			Attribute attribute = this.attributes.computeIfAbsent(name, (key) -> new Attribute());
			attribute.acknowledged = value;
			attribute.unknown.clear();
		}

		void unknown(String name, String value) {
			this.attributes.computeIfAbsent(name, (key) -> new Attribute()).unknown.add(value);
		}

		boolean usable() {
			return !this.gone && !this.uncertain;
		}

	}

	/**
	 * What one attribute may hold.
	 */
	static final class Attribute {

		@Nullable String acknowledged;

		final Set<String> unknown = new LinkedHashSet<>();

		boolean allows(@Nullable Object value) {
			return (value == null) ? this.acknowledged == null : value.equals(this.acknowledged) || this.unknown.contains(value);
		}

	}

}
