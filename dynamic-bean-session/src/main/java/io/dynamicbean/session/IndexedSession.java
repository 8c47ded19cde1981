/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.session.Session;

/**
 * One session of a principal as the index of a {@link SwitchableSessionRepository} holds it (see
 * {@link SwitchableSessionRepository#indexSession(String, String)}).
 *
 * @param sessionId the session id
 * @param indexedAt when the session was added to the principal's index entry
 * @param session the session as found, or {@code null} while its login is in flight: indexed less
 * than {@link PrincipalIndex#IN_FLIGHT_GRACE} ago, not saved yet
 */
public record IndexedSession(String sessionId, Instant indexedAt, @Nullable Session session) {

	/**
	 * Return whether the session was indexed but is not saved yet (a login in progress, possibly on
	 * another instance).
	 * @return {@code true} if {@link #session()} is {@code null}
	 */
	public boolean isInFlight() {
		return this.session == null;
	}

}
