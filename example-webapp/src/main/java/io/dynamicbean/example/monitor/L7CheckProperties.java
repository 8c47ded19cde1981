/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.monitor;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;
import org.springframework.validation.annotation.Validated;

/**
 * Who may change the L7 health check ({@code PUT /monitor/l7check}), under
 * {@code monitor.l7check}. Checked when the application starts: a malformed block or a weak token
 * fails start-up with a message naming the property.
 *
 * <pre class="code">
 * monitor:
 *   l7check:
 *     allowed-addresses: 127.0.0.0/8, ::1/128, 10.20.0.0/16
 *     token: ${L7_TOKEN}
 *     trusted-proxies: 10.20.0.5/32
 * </pre>
 */
@ConfigurationProperties("monitor.l7check")
@Validated
public class L7CheckProperties {

	/**
	 * Default addresses allowed to change the check: loopback only.
	 */
	public static final List<String> DEFAULT_ALLOWED_ADDRESSES = List.of("127.0.0.0/8", "::1/128");

	/**
	 * Clients allowed to change the check, as IPv4 or IPv6 blocks in CIDR notation (a bare address
	 * is a block of one). Matched against the TCP peer address of the request, or against the
	 * client address that trusted proxies report.
	 */
	private List<CidrBlock> allowedAddresses = new ArrayList<>(DEFAULT_ALLOWED_ADDRESSES.stream().map(CidrBlock::of).toList());

	/**
	 * Shared secret that allowed clients must also send in the X-L7-Token header; at least 16
	 * visible ASCII characters. No token is required when unset or empty.
	 */
	@Pattern(regexp = "|[\\x21-\\x7E]{16,}", message = "must be empty or at least 16 visible ASCII characters")
	private @Nullable String token;

	/**
	 * Reverse proxies (CIDR blocks) whose X-Forwarded-For header is believed. Empty by default:
	 * forwarded headers are then ignored and only the TCP peer address counts.
	 */
	private List<CidrBlock> trustedProxies = new ArrayList<>();

	/**
	 * Return the clients allowed to change the check.
	 * @return the blocks; loopback ({@code 127.0.0.0/8}, {@code ::1/128}) by default
	 */
	public List<CidrBlock> getAllowedAddresses() {
		return this.allowedAddresses;
	}

	/**
	 * Set the clients allowed to change the check.
	 * @param allowedAddresses the blocks, not {@code null}; empty allows no-one; loopback by default
	 */
	public void setAllowedAddresses(List<CidrBlock> allowedAddresses) {
		Assert.notNull(allowedAddresses, "allowedAddresses must not be null");
		this.allowedAddresses = allowedAddresses;
	}

	/**
	 * Return the shared secret of the X-L7-Token header.
	 * @return the token, or {@code null} (the default) when none is required
	 */
	public @Nullable String getToken() {
		return this.token;
	}

	/**
	 * Set the shared secret that allowed clients must send in the X-L7-Token header.
	 * @param token the token, or {@code null} or empty (the default) to require none
	 */
	public void setToken(@Nullable String token) {
		this.token = StringUtils.hasLength(token) ? token : null;
	}

	/**
	 * Return the reverse proxies whose X-Forwarded-For header is believed.
	 * @return the blocks; empty by default
	 */
	public List<CidrBlock> getTrustedProxies() {
		return this.trustedProxies;
	}

	/**
	 * Set the reverse proxies whose X-Forwarded-For header is believed.
	 * @param trustedProxies the blocks, not {@code null}; empty (the default) to ignore forwarded
	 * headers
	 */
	public void setTrustedProxies(List<CidrBlock> trustedProxies) {
		Assert.notNull(trustedProxies, "trustedProxies must not be null");
		this.trustedProxies = trustedProxies;
	}

}
