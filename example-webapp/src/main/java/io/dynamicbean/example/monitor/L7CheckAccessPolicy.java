/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.monitor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Decides whether a request may change the L7 health check: its client address (see
 * {@link ClientAddressResolver}) must be in the allow-list and, when a token is configured, its
 * {@code X-L7-Token} header must match it. Tokens are compared in constant time.
 */
public class L7CheckAccessPolicy {

	/**
	 * The header that carries the shared token.
	 */
	public static final String TOKEN_HEADER = "X-L7-Token";

	private final CidrMatcher allowedAddresses;

	private final byte @Nullable [] tokenDigest;

	private final ClientAddressResolver clientAddressResolver;

	/**
	 * Create a policy from the configuration properties.
	 * @param properties the allow-list, token and trusted proxies, not {@code null}
	 */
	public L7CheckAccessPolicy(L7CheckProperties properties) {
		Assert.notNull(properties, "properties must not be null");
		this.allowedAddresses = new CidrMatcher(properties.getAllowedAddresses());
		String token = properties.getToken();
		this.tokenDigest = (token != null) ? sha256(token) : null;
		this.clientAddressResolver = new ClientAddressResolver(new CidrMatcher(properties.getTrustedProxies()));
	}

	/**
	 * Decide whether a request may change the check.
	 * @param request the request
	 * @return the decision, with the client address and the reason
	 */
	public Decision decide(HttpServletRequest request) {
		String client = this.clientAddressResolver.resolve(request);
		if (!this.allowedAddresses.matches(client)) {
			return new Decision(false, client, "address not in monitor.l7check.allowed-addresses");
		}
		if (this.tokenDigest != null) {
			String token = request.getHeader(TOKEN_HEADER);
			if (token == null) {
				return new Decision(false, client, "no " + TOKEN_HEADER + " header");
			}
			if (!MessageDigest.isEqual(this.tokenDigest, sha256(token))) {
				return new Decision(false, client, "wrong " + TOKEN_HEADER + " header");
			}
		}
		return new Decision(true, client, (this.tokenDigest != null) ? "allowed address and token" : "allowed address");
	}

	/**
	 * Digests make the comparison independent of the token's length as well as its content.
	 */
	private static byte[] sha256(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every Java platform", ex);
		}
	}

	/**
	 * Whether a request may change the check, and why.
	 *
	 * @param allowed {@code true} if it may
	 * @param client the client address the decision was made on
	 * @param reason a short reason, for the log
	 */
	public record Decision(boolean allowed, String client, String reason) {
	}

}
