/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.monitor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Finds the address of the client behind a request, for access decisions.
 *
 * <p>By default (no trusted proxy) it is the TCP peer address,
 * {@link HttpServletRequest#getRemoteAddr()}, and forwarded headers are ignored: anyone can write
 * {@code X-Forwarded-For: 127.0.0.1}. When the peer is one of the configured trusted proxies, the
 * {@code X-Forwarded-For} chain is read from the right, skipping trusted proxies, and the first
 * address that is not trusted is the client (the left-most one if every hop is trusted). An entry
 * that is not an address literal ends the walk and is returned as it is, so it matches no
 * allow-list. The {@code Forwarded} header (RFC 7239) is never read.
 *
 * <p>This relies on the servlet container reporting the real peer: keep
 * {@code server.forward-headers-strategy} at {@code none} (the default outside cloud platforms).
 */
public class ClientAddressResolver {

	static final String X_FORWARDED_FOR = "X-Forwarded-For";

	private final CidrMatcher trustedProxies;

	/**
	 * Create a resolver.
	 * @param trustedProxies the proxies whose {@code X-Forwarded-For} is believed, not {@code null};
	 * empty to believe none
	 */
	public ClientAddressResolver(CidrMatcher trustedProxies) {
		Assert.notNull(trustedProxies, "trustedProxies must not be null");
		this.trustedProxies = trustedProxies;
	}

	/**
	 * Return the address of the client that sent a request.
	 * @param request the request
	 * @return the client address, as the peer or a trusted proxy reported it
	 */
	public String resolve(HttpServletRequest request) {
		String peer = request.getRemoteAddr();
		if (this.trustedProxies.isEmpty() || !this.trustedProxies.matches(peer)) {
			return peer;
		}
		List<String> hops = forwardedFor(request);
		String client = peer;
		for (int i = hops.size() - 1; i >= 0; i--) {
			client = hops.get(i);
			if (!this.trustedProxies.matches(client)) {
				return client;
			}
		}
		return client;
	}

	private static List<String> forwardedFor(HttpServletRequest request) {
		List<String> hops = new ArrayList<>();
		for (String header : Collections.list(request.getHeaders(X_FORWARDED_FOR))) {
			for (String hop : StringUtils.commaDelimitedListToStringArray(header)) {
				hops.add(hop.trim());
			}
		}
		return hops;
	}

}
