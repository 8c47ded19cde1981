/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session.web;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Thrown out of the {@link io.dynamicbean.session.SwitchableSessionRepository}'s look-up (by the
 * {@link SessionAffinity}'s {@link io.dynamicbean.session.SessionRouting}) when every remote store
 * fails and the request's session was last changed by another instance, which holds its freshest copy: the
 * {@link SwitchableSessionRequestFilter} answers {@code 307 Temporary Redirect} to the same URL
 * with the affinity cookie naming that instance (see {@link SessionAffinity}). Code between that
 * filter and the session look-up that catches runtime exceptions should let this one through.
 */
public final class SessionElsewhereException extends RuntimeException {

	private final String route;

	private final String affinityCookie;

	SessionElsewhereException(String route, String affinityCookie) {
		super("The session of this request was last changed by instance '" + route + "'; the request is sent "
				+ "there while the session stores fail", null, false, false);
		Assert.hasText(route, "route must not be empty");
		this.route = route;
		this.affinityCookie = affinityCookie;
	}

	/**
	 * Return the route of the instance that holds the session.
	 * @return the route
	 */
	public String getRoute() {
		return this.route;
	}

	String getAffinityCookie() {
		return this.affinityCookie;
	}

	/**
	 * Return the exception among a throwable and its causes, if any.
	 * @param ex a throwable
	 * @return the {@code SessionElsewhereException}, or {@code null}
	 */
	static @Nullable SessionElsewhereException in(@Nullable Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SessionElsewhereException elsewhere) {
				return elsewhere;
			}
		}
		return null;
	}

}
