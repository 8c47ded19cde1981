/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.web;

import io.dynamicbean.session.SwitchableSessionRepository;
import jakarta.servlet.http.HttpSession;

import org.springframework.util.Assert;

/**
 * Reads (and for {@code /session} counts) the current session into a {@link SessionView}.
 */
public class SessionViews {

	/**
	 * The session attribute that holds the counter, a {@link Long}.
	 */
	public static final String COUNTER_ATTRIBUTE = "example.counter";

	private final InstanceId instanceId;

	private final SwitchableSessionRepository sessions;

	/**
	 * Create the views.
	 * @param instanceId the id of this instance, not {@code null}
	 * @param sessions the switchable session store, asked where a session lives, not {@code null}
	 */
	public SessionViews(InstanceId instanceId, SwitchableSessionRepository sessions) {
		Assert.notNull(instanceId, "instanceId must not be null");
		Assert.notNull(sessions, "sessions must not be null");
		this.instanceId = instanceId;
		this.sessions = sessions;
	}

	/**
	 * Add one to the session's counter and describe the session.
	 * @param session the current session
	 * @return the session, with the counter after this call
	 */
	public SessionView count(HttpSession session) {
		long counter = counter(session) + 1;
		session.setAttribute(COUNTER_ATTRIBUTE, counter);
		return view(session, counter);
	}

	/**
	 * Describe the session without changing it.
	 * @param session the current session
	 * @return the session
	 */
	public SessionView show(HttpSession session) {
		return view(session, counter(session));
	}

	private SessionView view(HttpSession session, long counter) {
		return new SessionView(this.instanceId.get(), session.getId(), storeOf(session), counter);
	}

	/**
	 * The HTTP session hides Spring Session's session object, so the store is asked by id: free
	 * while no remote store is active, one read of the remote store otherwise.
	 */
	private String storeOf(HttpSession session) {
		return this.sessions.isRemoteActive() ? this.sessions.storeOf(session.getId())
				: SwitchableSessionRepository.LOCAL_STORE_NAME;
	}

	private static long counter(HttpSession session) {
		return (session.getAttribute(COUNTER_ATTRIBUTE) instanceof Long counter) ? counter : 0L;
	}

}
