/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session.web;

import java.time.Duration;

import io.dynamicbean.session.SessionRequestScope;
import io.dynamicbean.session.SessionRouting;
import io.dynamicbean.session.SwitchableSessionRepository;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The {@link SessionRequestScope} of an HTTP request: one per request, held as a request
 * attribute (so its async and error dispatches share it), opened by the
 * {@link SwitchableSessionRequestFilter}; and where the session of a request lives, answered from
 * that scope.
 */
public final class RequestSessions {

	/** The request attribute holding the scope of a request. */
	static final String ATTRIBUTE = RequestSessions.class.getName();

	private RequestSessions() {
	}

	/**
	 * Return where the session of the given request lives now, from what the front loaded,
	 * created or saved for that request: no round trip to any store. Needs the
	 * {@link SwitchableSessionRequestFilter} around Spring Session's filter, which the
	 * auto-configuration registers in a Spring Boot servlet application.
	 * @param sessions the application's switchable session front, not {@code null}
	 * @param request the current request, served through Spring Session's filter, not {@code null}
	 * @return the store name as for {@link SwitchableSessionRepository#storeOf(org.springframework.session.Session)},
	 * or {@code null} if the request has no session
	 * @throws IllegalStateException if the request is not served through the
	 * {@link SwitchableSessionRequestFilter} and that front
	 */
	public static @Nullable String storeOf(SwitchableSessionRepository sessions, HttpServletRequest request) {
		Assert.notNull(sessions, "sessions must not be null");
		Assert.notNull(request, "request must not be null");
		HttpSession httpSession = request.getSession(false);
		if (httpSession == null) {
			return null;
		}
		SessionRequestScope scope = (SessionRequestScope) request.getAttribute(ATTRIBUTE);
		return sessions.storeOf((scope != null) ? scope : new SessionRequestScope(), httpSession.getId());
	}

	/**
	 * Return the scope of a request, opening it on the request's first dispatch.
	 */
	static SessionRequestScope open(HttpServletRequest request, HttpServletResponse response,
			@Nullable SessionAffinity affinity) {
		SessionRequestScope scope = (SessionRequestScope) request.getAttribute(ATTRIBUTE);
		if (scope == null) {
			scope = new SessionRequestScope((affinity != null) ? new AffinityRouting(affinity, request, response) : null);
			request.setAttribute(ATTRIBUTE, scope);
		}
		return scope;
	}

	/**
	 * The affinity and writer cookies of one request.
	 */
	private record AffinityRouting(SessionAffinity affinity, HttpServletRequest request,
			HttpServletResponse response) implements SessionRouting {

		@Override
		public void beforeLocalRead() {
			String route = this.affinity.writerElsewhere(this.request);
			if (route != null) {
				throw new SessionElsewhereException(route, this.affinity.affinityCookie(route));
			}
		}

		@Override
		public void saved(@Nullable Duration onSharedStoreFor, boolean changed) {
			this.affinity.apply(this.request, this.response, onSharedStoreFor);
			if (changed) {
				this.affinity.wrote(this.request, this.response);
			}
		}

	}

}
