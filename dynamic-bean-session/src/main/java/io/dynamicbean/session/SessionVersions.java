/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import org.springframework.session.Session;

/**
 * The version a {@link SwitchableSessionRepository} keeps in every session it saves: a counter,
 * held as a hidden attribute, raised by one by every save that changes the session's attributes,
 * max inactive interval or id (not by a save that only touches its last access time).
 *
 * <p>The front compares versions, never last-access times, to decide whether the remote store's
 * copy of a session changed since this instance took a local copy of it during an outage. Being an
 * attribute, the version travels through every store (memcached, Redis, JDBC) unchanged, and
 * stores that merge per attribute merge it like any other attribute.
 */
final class SessionVersions {

	/** Name of the hidden attribute holding the version. */
	static final String ATTRIBUTE = "io.dynamicbean.session.VERSION";

	private SessionVersions() {
	}

	/**
	 * Return the version of a session.
	 * @param session any session
	 * @return its version, 0 for a session never saved through the front
	 */
	static long of(Session session) {
		Object version = session.getAttribute(ATTRIBUTE);
		return (version instanceof Long number) ? number : 0L;
	}

}
