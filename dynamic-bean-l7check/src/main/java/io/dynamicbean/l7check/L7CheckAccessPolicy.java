/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.l7check;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import jakarta.servlet.http.HttpServletRequest;
import io.dynamicbean.l7check.support.CanonicalPath;
import io.dynamicbean.l7check.support.ForwardedHeaders;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Decides whether a request may change the L7 check. In this order, it is refused when:
 * <ol>
 * <li>it carries a proxy header ({@code Forwarded}, {@code X-Forwarded-*}, {@code Via},
 * {@code X-Real-IP}) and the servlet container does not trust its peer as a proxy (Tomcat's
 * {@code RemoteIpValve}, {@code server.tomcat.remoteip.*}): a request relayed by a load balancer
 * never counts as the balancer's own, whatever address the balancer has;</li>
 * <li>its path is not spelled canonically (percent-encoded, {@code ;}, {@code //}, {@code .} or
 * {@code ..} segments, backslash, trailing slash), see {@link CanonicalPath};</li>
 * <li>its client address, {@link HttpServletRequest#getRemoteAddr()}, is not in the
 * {@link AddressAllowList};</li>
 * <li>a token is configured and its {@value #TOKEN_HEADER} header does not carry it (compared in
 * constant time).</li>
 * </ol>
 *
 * <p>The client address is never read from a header here: the servlet container decides what
 * {@code getRemoteAddr()} is (the TCP peer by default; with Tomcat's {@code RemoteIpValve}, the
 * client that configured trusted proxies report).
 */
public class L7CheckAccessPolicy {

	/**
	 * The header that carries the shared token.
	 */
	public static final String TOKEN_HEADER = "X-L7-Token";

	private final AddressAllowList allowedAddresses;

	private final byte @Nullable [] tokenDigest;

	/**
	 * Create a policy.
	 * @param allowedAddresses the clients allowed, not {@code null}
	 * @param token the token they must also send, or {@code null} or empty to require none
	 */
	public L7CheckAccessPolicy(AddressAllowList allowedAddresses, @Nullable String token) {
		Assert.notNull(allowedAddresses, "allowedAddresses must not be null");
		this.allowedAddresses = allowedAddresses;
		this.tokenDigest = StringUtils.hasLength(token) ? sha256(token) : null;
	}

	/**
	 * Decide whether a request may change the check.
	 * @param request the request, not {@code null}
	 * @return the decision, with the client address and the reason
	 */
	public Decision decide(HttpServletRequest request) {
		Assert.notNull(request, "request must not be null");
		String client = String.valueOf(request.getRemoteAddr());
		String proxyHeader = ForwardedHeaders.find(request);
		if (proxyHeader != null && !ForwardedHeaders.fromTrustedProxy(request)) {
			return new Decision(false, client, "it carries " + headerName(proxyHeader) + " but " + client + " is not a trusted "
					+ "proxy; change the check on the instance itself, not through the load balancer, or trust "
					+ "the proxy with server.tomcat.remoteip.remote-ip-header and internal-proxies");
		}
		if (!CanonicalPath.isCanonical(request.getRequestURI())) {
			return new Decision(false, client, "the path is not spelled canonically (percent-encoding, ';', '//', "
					+ "'.' or '..' segment, '\\' or trailing '/'); send PUT to the path exactly as configured");
		}
		if (!this.allowedAddresses.allows(client)) {
			return new Decision(false, client, "address not in dynamic-bean.l7check.allowed-addresses");
		}
		if (this.tokenDigest == null) {
			return new Decision(true, client, "allowed address");
		}
		String token = request.getHeader(TOKEN_HEADER);
		if (token == null) {
			return new Decision(false, client, "no " + TOKEN_HEADER + " header");
		}
		if (!MessageDigest.isEqual(this.tokenDigest, sha256(token))) {
			return new Decision(false, client, "wrong " + TOKEN_HEADER + " header");
		}
		return new Decision(true, client, "allowed address and token");
	}

	private static String headerName(String name) {
		String shortened = (name.length() > 40) ? name.substring(0, 40) + "..." : name;
		return shortened.replaceAll("[^A-Za-z0-9._-]", "?");
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
