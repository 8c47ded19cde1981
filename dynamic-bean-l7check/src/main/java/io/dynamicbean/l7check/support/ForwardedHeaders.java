/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.l7check.support;

import java.util.Enumeration;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Finds the headers by which a proxy says it forwarded a request ({@code Forwarded}, any
 * {@code X-Forwarded-*}, {@code Via}, {@code X-Real-IP}), and whether the servlet container trusts
 * the peer that sent them.
 *
 * <p>The headers are read on the request as the container made it, below every wrapper: Spring's
 * {@code ForwardedHeaderFilter} ({@code server.forward-headers-strategy=framework}) hides them from
 * the wrapped request. The peer is trusted only when Tomcat's {@code RemoteIpValve} found it among
 * {@code server.tomcat.remoteip.internal-proxies} (or {@code trusted-proxies}) and marked the request
 * with the {@value #TOMCAT_FORWARDED_ATTRIBUTE} attribute; the valve then already took the client
 * address from {@code X-Forwarded-For} and removed the entries it used.
 */
public final class ForwardedHeaders {

	/**
	 * The request attribute that Tomcat's {@code RemoteIpValve} sets to {@code true} when the TCP
	 * peer is one of its internal or trusted proxies ({@code Globals.REQUEST_FORWARDED_ATTRIBUTE}).
	 */
	public static final String TOMCAT_FORWARDED_ATTRIBUTE = "org.apache.tomcat.request.forwarded";

	private static final Set<String> NAMES = Set.of("forwarded", "via", "x-real-ip");

	private static final String X_FORWARDED = "x-forwarded-";

	private ForwardedHeaders() {
	}

	/**
	 * Return the first proxy header a request carries.
	 * @param request the request, not {@code null}
	 * @return the header's name, or {@code null} if it carries none
	 */
	public static @Nullable String find(HttpServletRequest request) {
		Assert.notNull(request, "request must not be null");
		ServletRequest container = containerRequest(request);
		if (!(container instanceof HttpServletRequest http)) {
			return null;
		}
		Enumeration<String> names = http.getHeaderNames();
		while (names != null && names.hasMoreElements()) {
			String name = names.nextElement();
			String lowerCase = name.toLowerCase(Locale.ROOT);
			if (NAMES.contains(lowerCase) || lowerCase.startsWith(X_FORWARDED)) {
				return name;
			}
		}
		return null;
	}

	/**
	 * Whether the servlet container trusts the peer of a request as a proxy.
	 * @param request the request, not {@code null}
	 * @return {@code true} if Tomcat's {@code RemoteIpValve} marked it as coming from one of its
	 * internal or trusted proxies
	 */
	public static boolean fromTrustedProxy(HttpServletRequest request) {
		Assert.notNull(request, "request must not be null");
		return Boolean.TRUE.equals(request.getAttribute(TOMCAT_FORWARDED_ATTRIBUTE));
	}

	private static ServletRequest containerRequest(ServletRequest request) {
		ServletRequest current = request;
		while (current instanceof ServletRequestWrapper wrapper) {
			current = wrapper.getRequest();
		}
		return current;
	}

}
