/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session.web;

import java.time.Duration;

import io.dynamicbean.session.StoreRetryRules;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.util.Assert;
import org.springframework.web.util.WebUtils;

/**
 * An affinity cookie naming this instance, set while a session lives only in this instance's
 * local store (every remote store down, or none switched in yet) and cleared once the session is
 * back in the shared store. A load balancer that routes on that cookie (HAProxy's
 * {@code cookie DYNAMIC_BEAN_ROUTE} with {@code server ... cookie <route>}, nginx's
 * {@code map $cookie_DYNAMIC_BEAN_ROUTE}, a cloud balancer's application-cookie stickiness) then
 * keeps such a session on the instance that holds it, even without stickiness otherwise, so that
 * logins (CSRF tokens included) and every change stay consistent through a total outage.
 *
 * <p>The cookie is written when the front saves the session of a request, before the response is
 * committed (Spring Session saves there too): {@code Path=/}, {@code HttpOnly},
 * {@code SameSite=Lax}, a session cookie (no {@code Max-Age}); cleared with {@code Max-Age=0} only
 * if the request carried it, and only once this instance has been back on the shared store for the
 * {@link #setReleaseAfter release delay}: other instances return to the store at their own retry,
 * and until they do, a session moved back by this one is unknown to them. Needs the
 * {@link SwitchableSessionRequestFilter}.
 *
 * <p>A second cookie, the writer cookie, names the instance that last changed the session, also
 * while the session lives in the shared store: that instance holds the freshest fallback copy. When
 * every remote store fails, a request whose writer cookie names another instance, and whose
 * affinity cookie does not yet, is answered {@code 307 Temporary Redirect} to the same URL with the
 * affinity cookie naming that instance, instead of being served from a copy that may be older or
 * missing here: the balancer then sends it, and the session's later requests, to the instance that
 * wrote the session last. A request that already carries that affinity cookie is served here (the
 * balancer could not reach that instance), so a redirect never loops. The writer cookie is sent
 * only when it changes: with a balancer that alternates between instances, on most requests that
 * change the session.
 *
 * <p>Defaults: cookie names {@value #DEFAULT_COOKIE_NAME} and {@value #DEFAULT_WRITER_COOKIE_NAME};
 * release delay 35 s (the default retry delay of the stores, 30 s, plus its jitter, see
 * {@link StoreRetryRules#releaseAfter(Duration)}; the auto-configuration derives it from the
 * retry delay of the application's store generators); not secure
 * (set {@link #setSecure} behind HTTPS).
 */
public class SessionAffinity {

	/** Default name of the affinity cookie. */
	public static final String DEFAULT_COOKIE_NAME = "DYNAMIC_BEAN_ROUTE";

	/** Default name of the writer cookie. */
	public static final String DEFAULT_WRITER_COOKIE_NAME = "DYNAMIC_BEAN_WRITER";

	/**
	 * Default time on the shared store after which the cookie is cleared: 35 s, derived from the
	 * stores' default retry delay ({@link StoreRetryRules#releaseAfter(Duration)}).
	 */
	public static final Duration DEFAULT_RELEASE_AFTER = StoreRetryRules.releaseAfter(StoreRetryRules.DEFAULT_RETRY_DELAY);

	private final String route;

	private String cookieName = DEFAULT_COOKIE_NAME;

	private String writerCookieName = DEFAULT_WRITER_COOKIE_NAME;

	private boolean secure;

	private Duration releaseAfter = DEFAULT_RELEASE_AFTER;

	/**
	 * Create an affinity for this instance.
	 * @param route the route id of this instance, as the load balancer knows it (HAProxy's
	 * {@code server ... cookie <route>}): letters, digits, '-', '_' or '.'
	 */
	public SessionAffinity(String route) {
		Assert.isTrue(isToken(route), () -> "dynamic-bean.session.affinity.route must be 1 to 64 letters, digits, "
				+ "'-', '_' or '.', got '" + route + "'");
		this.route = route;
	}

	/**
	 * Set the name of the cookie.
	 * @param cookieName a cookie name of letters, digits, '-', '_' or '.'; {@value #DEFAULT_COOKIE_NAME} by
	 * default
	 */
	public void setCookieName(String cookieName) {
		Assert.isTrue(isToken(cookieName), () -> "dynamic-bean.session.affinity.cookie-name must be 1 to 64 letters, "
				+ "digits, '-', '_' or '.', got '" + cookieName + "'");
		Assert.isTrue(!cookieName.equals(this.writerCookieName),
				"dynamic-bean.session.affinity.cookie-name must differ from writer-cookie-name");
		this.cookieName = cookieName;
	}

	/**
	 * Set the name of the writer cookie, which names the instance that last changed the session.
	 * @param writerCookieName a cookie name of letters, digits, '-', '_' or '.', not the affinity
	 * cookie's; {@value #DEFAULT_WRITER_COOKIE_NAME} by default
	 */
	public void setWriterCookieName(String writerCookieName) {
		Assert.isTrue(isToken(writerCookieName), () -> "dynamic-bean.session.affinity.writer-cookie-name must be 1 "
				+ "to 64 letters, digits, '-', '_' or '.', got '" + writerCookieName + "'");
		Assert.isTrue(!writerCookieName.equals(this.cookieName),
				"dynamic-bean.session.affinity.writer-cookie-name must differ from cookie-name");
		this.writerCookieName = writerCookieName;
	}

	/**
	 * Return the name of the writer cookie.
	 * @return the cookie name
	 */
	public String getWriterCookieName() {
		return this.writerCookieName;
	}

	/**
	 * Set whether the cookie is sent over HTTPS only.
	 * @param secure whether the cookie is secure; {@code false} by default
	 */
	public void setSecure(boolean secure) {
		this.secure = secure;
	}

	/**
	 * Set how long this instance must have been back on the shared store before it clears the
	 * cookie of a session that was local only: at least the longest retry delay of the other
	 * instances' store generators, with its jitter.
	 * @param releaseAfter the delay, not negative; 35 seconds by default, see
	 * {@link StoreRetryRules#releaseAfter(Duration)}
	 */
	public void setReleaseAfter(Duration releaseAfter) {
		Assert.isTrue(releaseAfter != null && !releaseAfter.isNegative(),
				"dynamic-bean.session.affinity.release-after must not be negative");
		this.releaseAfter = releaseAfter;
	}

	/**
	 * Return how long this instance must have been back on the shared store before it clears the
	 * cookie.
	 * @return the release delay
	 */
	public Duration getReleaseAfter() {
		return this.releaseAfter;
	}

	/**
	 * Return the route id of this instance.
	 * @return the route
	 */
	public String getRoute() {
		return this.route;
	}

	/**
	 * Return the name of the cookie.
	 * @return the cookie name
	 */
	public String getCookieName() {
		return this.cookieName;
	}

	/**
	 * Set or clear the cookie on a response whose session was just saved.
	 * @param request the request
	 * @param response the response, not yet committed
	 * @param onSharedStoreFor {@code null} if the session lives only in this instance's local
	 * store, otherwise how long this instance has been on the shared store that holds it
	 */
	void apply(HttpServletRequest request, HttpServletResponse response, @Nullable Duration onSharedStoreFor) {
		if (response.isCommitted()) {
			return;
		}
		Cookie cookie = WebUtils.getCookie(request, this.cookieName);
		String carried = (cookie != null) ? cookie.getValue() : null;
		if (onSharedStoreFor == null && !this.route.equals(carried)) {
			response.addHeader(HttpHeaders.SET_COOKIE, cookie(this.route, -1).toString());
		}
		else if (onSharedStoreFor != null && carried != null && onSharedStoreFor.compareTo(this.releaseAfter) >= 0) {
			response.addHeader(HttpHeaders.SET_COOKIE, cookie("", 0).toString());
		}
	}

	/**
	 * Name this instance in the writer cookie of a response whose session this request changed.
	 * @param request the request
	 * @param response the response, not yet committed
	 */
	void wrote(HttpServletRequest request, HttpServletResponse response) {
		Cookie cookie = WebUtils.getCookie(request, this.writerCookieName);
		if (!response.isCommitted() && (cookie == null || !this.route.equals(cookie.getValue()))) {
			response.addHeader(HttpHeaders.SET_COOKIE, cookie(this.writerCookieName, this.route, -1).toString());
		}
	}

	/**
	 * Return the route of the instance that last changed the session of a request, if it is
	 * another instance and the request does not carry the affinity cookie naming it yet.
	 * @param request the request
	 * @return that route, or {@code null} when this instance is where the request belongs
	 */
	@Nullable String writerElsewhere(HttpServletRequest request) {
		Cookie writer = WebUtils.getCookie(request, this.writerCookieName);
		if (writer == null || this.route.equals(writer.getValue()) || !isToken(writer.getValue())) {
			return null;
		}
		Cookie affinity = WebUtils.getCookie(request, this.cookieName);
		return (affinity != null && writer.getValue().equals(affinity.getValue())) ? null : writer.getValue();
	}

	/**
	 * Return the affinity cookie naming the given instance.
	 * @param route the instance's route
	 * @return the {@code Set-Cookie} header value
	 */
	String affinityCookie(String route) {
		return cookie(route, -1).toString();
	}

	private ResponseCookie cookie(String value, long maxAge) {
		return cookie(this.cookieName, value, maxAge);
	}

	private ResponseCookie cookie(String name, String value, long maxAge) {
		return ResponseCookie.from(name, value)
			.path("/")
			.httpOnly(true)
			.secure(this.secure)
			.sameSite("Lax")
			.maxAge(maxAge)
			.build();
	}

	private static boolean isToken(String value) {
		if (value == null || value.isEmpty() || value.length() > 64) {
			return false;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (!(c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.'))) {
				return false;
			}
		}
		return true;
	}

}
