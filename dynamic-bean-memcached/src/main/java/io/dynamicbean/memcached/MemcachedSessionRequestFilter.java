/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached;

import java.io.IOException;

import io.dynamicbean.memcached.support.RequestScope;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Marks the bounds of each HTTP request for the {@link MemcachedSessionRepository}, so that it
 * keeps its promise of at most two memcached round trips per request. Spring Session's
 * {@link SessionRepositoryFilter} commits the session twice when the response is committed before
 * the request ends (a {@code findById} and a {@code save} each time); within these bounds the
 * repository answers the second commit from what the first one wrote, and writes nothing when the
 * session did not change in between. Nothing is remembered from one request to the next.
 *
 * <p>Must run around the {@link SessionRepositoryFilter}: its order is
 * {@value #DEFAULT_ORDER}, just before it. Without this filter the repository is still correct,
 * and a request may cost four round trips.
 */
public class MemcachedSessionRequestFilter extends OncePerRequestFilter implements Ordered {

	/** Default order: just before Spring Session's filter. */
	public static final int DEFAULT_ORDER = SessionRepositoryFilter.DEFAULT_ORDER - 1;

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain filterChain)
			throws ServletException, IOException {
		boolean started = RequestScope.begin();
		try {
			filterChain.doFilter(request, response);
		}
		finally {
			if (started) {
				RequestScope.end();
			}
		}
	}

	/**
	 * Return {@value #DEFAULT_ORDER}, just before Spring Session's filter.
	 */
	@Override
	public int getOrder() {
		return DEFAULT_ORDER;
	}

}
