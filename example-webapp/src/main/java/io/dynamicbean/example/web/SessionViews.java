/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.web;

import io.dynamicbean.session.SwitchableSessionRepository;
import jakarta.servlet.http.HttpServletRequest;
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
	 * @param request the current request, which has a session
	 * @return the session, with the counter after this call
	 */
	public SessionView count(HttpServletRequest request) {
		HttpSession session = request.getSession();
		long counter = counter(session) + 1;
		session.setAttribute(COUNTER_ATTRIBUTE, counter);
		return view(request, session, counter);
	}

	/**
	 * Describe the session without changing it.
	 * @param request the current request, which has a session
	 * @return the session
	 */
	public SessionView show(HttpServletRequest request) {
		HttpSession session = request.getSession();
		return view(request, session, counter(session));
	}

	/**
	 * Where the session lives comes from what the switchable repository loaded for this request:
	 * no extra round trip to the store.
	 */
	private SessionView view(HttpServletRequest request, HttpSession session, long counter) {
		String store = this.sessions.storeOf(request);
		return new SessionView(this.instanceId.get(), session.getId(),
				(store != null) ? store : SwitchableSessionRepository.LOCAL_STORE_NAME, counter);
	}

	private static long counter(HttpSession session) {
		return (session.getAttribute(COUNTER_ATTRIBUTE) instanceof Long counter) ? counter : 0L;
	}

}
