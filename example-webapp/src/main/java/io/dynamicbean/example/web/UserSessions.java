/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.web;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.dynamicbean.session.SwitchableSessionRepository;
import org.jspecify.annotations.Nullable;

import org.springframework.session.Session;
import org.springframework.util.Assert;

/**
 * The sessions of one user, on every instance, from the principal index of the session front
 * ({@code findByPrincipalName}), and ending them. Without a front (the benchmark-only
 * {@code plain-redis} profile) a user has no sessions to list.
 */
public class UserSessions {

	/** The session attribute naming the instance that served the session last. */
	public static final String INSTANCE_ATTRIBUTE = "example.instance";

	private static final int SHOWN_ID_CHARACTERS = 8;

	private final @Nullable SwitchableSessionRepository sessions;

	/**
	 * Create the service.
	 * @param sessions the session front, or {@code null} if there is none
	 */
	public UserSessions(@Nullable SwitchableSessionRepository sessions) {
		this.sessions = sessions;
	}

	/**
	 * List a user's sessions, the most recently used first.
	 * @param user the principal name
	 * @param currentSessionId the id of the session of the request
	 * @return the sessions
	 */
	public List<UserSessionView> list(String user, String currentSessionId) {
		Assert.notNull(user, "user must not be null");
		if (this.sessions == null) {
			return List.of();
		}
		return this.sessions.findByPrincipalName(user)
			.values()
			.stream()
			.sorted(Comparator.comparing(Session::getLastAccessedTime).reversed())
			.map((session) -> view(session, currentSessionId))
			.toList();
	}

	/**
	 * End every session of a user but one.
	 * @param user the principal name
	 * @param keptSessionId the id of the session to keep (the request's), or {@code null} for none
	 * @return how many sessions were ended
	 */
	public int endAllBut(String user, @Nullable String keptSessionId) {
		Assert.notNull(user, "user must not be null");
		if (this.sessions == null) {
			return 0;
		}
		Map<String, Session> found = this.sessions.findByPrincipalName(user);
		int ended = 0;
		for (String id : found.keySet()) {
			if (!id.equals(keptSessionId)) {
				this.sessions.deleteById(id);
				ended++;
			}
		}
		return ended;
	}

	private UserSessionView view(Session session, String currentSessionId) {
		Object instance = session.getAttribute(INSTANCE_ATTRIBUTE);
		return new UserSessionView(session.getId().substring(0, SHOWN_ID_CHARACTERS) + "…",
				(instance instanceof String name) ? name : "?", this.sessions.storeOf(session),
				session.getLastAccessedTime(), session.getId().equals(currentSessionId));
	}

	/**
	 * One session of the user as the pages show it.
	 * @param session the first characters of its id (ids are credentials)
	 * @param instance the instance that served it last
	 * @param store where it lives now, as seen from this instance
	 * @param lastAccess its last access
	 * @param current whether it is the session of the request
	 */
	public record UserSessionView(String session, String instance, String store, Instant lastAccess,
			boolean current) {
	}

}
