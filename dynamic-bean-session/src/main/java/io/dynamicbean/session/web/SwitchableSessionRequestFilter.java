/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session.web;

import java.io.IOException;
import java.util.concurrent.atomic.LongAdder;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.dynamicbean.session.SessionRequestScope;
import io.dynamicbean.session.SwitchableSessionRepository;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Opens a {@link SessionRequestScope} around each HTTP request for the
 * {@link SwitchableSessionRepository}, so that a
 * request costs the remote store at most one {@code findById} and one {@code save}, whatever the
 * store (memcached, Redis, JDBC).
 *
 * <p>Spring Session's {@link SessionRepositoryFilter} commits the session twice when the response
 * is committed before the request ends (a body written and flushed, a redirect): a
 * {@code findById} and a {@code save} each time. Within the bounds of this filter the front
 * remembers the sessions it loaded, created and saved for the request: a second {@code findById}
 * of the same session is answered with the session the request already holds, and a second
 * {@code save} of a session that was not changed (through its {@code Session} methods) since the
 * first is skipped. The same memory lets {@link RequestSessions#storeOf(SwitchableSessionRepository,
 * HttpServletRequest)} tell where the request's session lives without asking the store.
 *
 * <p>The memory belongs to one request: it is a request attribute, bound to the thread only while
 * this filter runs for that request (also on its async and error dispatches), and forgotten with
 * the request. Another request, even on the same thread, never sees it, and a switch of the
 * remote store in the middle of a request invalidates it.
 *
 * <p>With a {@link #setSessionAffinity(SessionAffinity) session affinity}, a request whose
 * session is held by another instance while every session store fails is answered
 * {@code 307 Temporary Redirect} here, before anything is written (see {@link SessionAffinity}).
 *
 * <p>Must run around the {@link SessionRepositoryFilter}: its order is {@value #DEFAULT_ORDER},
 * just before it (Spring Boot's auto-configuration places it just before
 * {@code spring.session.servlet.filter-order}). Without it the front is still correct, and such a
 * request costs two round trips more.
 */
public class SwitchableSessionRequestFilter extends OncePerRequestFilter implements Ordered {

	/** Default order: just before Spring Session's filter at its default order. */
	public static final int DEFAULT_ORDER = SessionRepositoryFilter.DEFAULT_ORDER - 1;

	private int order = DEFAULT_ORDER;

	private @Nullable SessionAffinity affinity;

	private final LongAdder writerRedirects = new LongAdder();

	/**
	 * Set the affinity cookie to set while a request's session lives only in this instance's local
	 * store.
	 * @param affinity the affinity, or {@code null} for none (the default)
	 */
	public void setSessionAffinity(@Nullable SessionAffinity affinity) {
		this.affinity = affinity;
	}

	/**
	 * Return the affinity cookie set while a request's session lives only in the local store.
	 * @return the affinity, or {@code null} for none
	 */
	public @Nullable SessionAffinity getSessionAffinity() {
		return this.affinity;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain filterChain)
			throws ServletException, IOException {
		SessionRequestScope previous = SessionRequestScope.bind(RequestSessions.open(request, response, this.affinity));
		try {
			filterChain.doFilter(request, response);
		}
		catch (ServletException | IOException | RuntimeException ex) {
			SessionElsewhereException elsewhere = SessionElsewhereException.in(ex);
			if (elsewhere == null || response.isCommitted()) {
				throw ex;
			}
			redirect(request, response, elsewhere);
		}
		finally {
			SessionRequestScope.restore(previous);
		}
	}

	/**
	 * Send the request again, to the instance that holds its session.
	 */
	private void redirect(HttpServletRequest request, HttpServletResponse response,
			SessionElsewhereException elsewhere) {
		response.reset();
		response.setStatus(HttpServletResponse.SC_TEMPORARY_REDIRECT);
		String query = request.getQueryString();
		response.setHeader(HttpHeaders.LOCATION, request.getRequestURI() + ((query != null) ? "?" + query : ""));
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.addHeader(HttpHeaders.SET_COOKIE, elsewhere.getAffinityCookie());
		this.writerRedirects.increment();
		if (logger.isDebugEnabled()) {
			logger.debug("Session stores unavailable: " + request.getMethod() + " " + request.getRequestURI()
					+ " sent to instance '" + elsewhere.getRoute() + "', which changed its session last");
		}
	}

	/**
	 * Return how many requests were answered {@code 307 Temporary Redirect} to the instance that
	 * changed their session last (see {@link SessionAffinity}).
	 * @return the number of writer redirects since start
	 */
	public long getWriterRedirectCount() {
		return this.writerRedirects.sum();
	}

	/**
	 * Spring Session's filter commits the session again at the end of an async dispatch.
	 */
	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	/**
	 * Spring Session's filter commits the session again at the end of an error dispatch.
	 */
	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	/**
	 * Set the order of this filter, which must be lower (earlier) than Spring Session's filter.
	 * @param order the order; {@value #DEFAULT_ORDER} by default
	 */
	public void setOrder(int order) {
		this.order = order;
	}

	/**
	 * Return the order: {@value #DEFAULT_ORDER}, just before Spring Session's filter, by default.
	 */
	@Override
	public int getOrder() {
		return this.order;
	}

}
