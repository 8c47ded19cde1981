/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.l7check.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import io.dynamicbean.l7check.AddressAllowList;
import io.dynamicbean.l7check.L7CheckAccessPolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration properties of the L7 check, under {@code dynamic-bean.l7check}. Checked when the
 * application starts: a malformed address, path or token fails start-up with a message naming the
 * property.
 *
 * <pre class="code">
 * dynamic-bean:
 *   l7check:
 *     allowed-addresses: 127.0.0.1, ::1, 10.20.0.0/16
 *     token: ${L7_TOKEN}
 * </pre>
 */
@ConfigurationProperties("dynamic-bean.l7check")
public class L7CheckProperties implements Validator {

	/**
	 * The default path of the check.
	 */
	public static final String DEFAULT_PATH = "/monitor/l7check";

	/**
	 * The default clients allowed to change the check: the IPv4 and IPv6 loopback addresses.
	 */
	public static final List<String> DEFAULT_ALLOWED_ADDRESSES = List.of("127.0.0.1", "::1");

	private static final int MIN_TOKEN_LENGTH = 16;

	/**
	 * Whether to serve the L7 check.
	 */
	private boolean enabled = true;

	/**
	 * Path of the check, relative to the dispatcher servlet: GET answers, PUT changes it.
	 */
	private String path = DEFAULT_PATH;

	/**
	 * Clients allowed to change the check, as IPv4 or IPv6 addresses or CIDR blocks, matched
	 * against the request's remote address (the TCP peer, or the client that Tomcat's
	 * RemoteIpValve takes from trusted proxies, see server.tomcat.remoteip.*). Empty allows no-one.
	 */
	private List<String> allowedAddresses = new ArrayList<>(DEFAULT_ALLOWED_ADDRESSES);

	/**
	 * Shared secret that allowed clients must also send in the X-L7-Token header; at least 16
	 * visible ASCII characters. No token is required when unset or empty.
	 */
	private @Nullable String token;

	/**
	 * Which port serves PUT: "server", the application's own port (with GET), or "management",
	 * the port of management.server.port only, off the public connector; GET stays on the
	 * application's port either way, where the load balancer checks it.
	 */
	private ChangePort changePort = ChangePort.SERVER;

	/**
	 * Return whether to serve the L7 check.
	 * @return {@code true} (the default) to serve it
	 */
	public boolean isEnabled() {
		return this.enabled;
	}

	/**
	 * Set whether to serve the L7 check.
	 * @param enabled {@code false} to serve no check; {@code true} by default
	 */
	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	/**
	 * Return the path of the check.
	 * @return the path; {@value #DEFAULT_PATH} by default
	 */
	public String getPath() {
		return this.path;
	}

	/**
	 * Set the path of the check.
	 * @param path the path, starting with {@code /}, not {@code null}; {@value #DEFAULT_PATH} by
	 * default
	 */
	public void setPath(String path) {
		Assert.notNull(path, "path must not be null");
		this.path = path;
	}

	/**
	 * Return the clients allowed to change the check.
	 * @return the addresses and CIDR blocks; {@code 127.0.0.1} and {@code ::1} by default
	 */
	public List<String> getAllowedAddresses() {
		return this.allowedAddresses;
	}

	/**
	 * Set the clients allowed to change the check.
	 * @param allowedAddresses the addresses and CIDR blocks, not {@code null}; empty allows no-one;
	 * {@code 127.0.0.1} and {@code ::1} by default
	 */
	public void setAllowedAddresses(List<String> allowedAddresses) {
		Assert.notNull(allowedAddresses, "allowedAddresses must not be null");
		this.allowedAddresses = allowedAddresses;
	}

	/**
	 * Return the shared secret of the {@value L7CheckAccessPolicy#TOKEN_HEADER} header.
	 * @return the token, or {@code null} (the default) when none is required
	 */
	public @Nullable String getToken() {
		return this.token;
	}

	/**
	 * Set the shared secret that allowed clients must send in the
	 * {@value L7CheckAccessPolicy#TOKEN_HEADER} header.
	 * @param token the token, or {@code null} or empty (the default) to require none
	 */
	public void setToken(@Nullable String token) {
		this.token = StringUtils.hasLength(token) ? token : null;
	}

	/**
	 * Return which port serves {@code PUT}.
	 * @return the port; {@link ChangePort#SERVER} by default
	 */
	public ChangePort getChangePort() {
		return this.changePort;
	}

	/**
	 * Set which port serves {@code PUT}.
	 * @param changePort the port, not {@code null}; {@link ChangePort#SERVER} by default
	 */
	public void setChangePort(ChangePort changePort) {
		Assert.notNull(changePort, "changePort must not be null");
		this.changePort = changePort;
	}

	@Override
	public boolean supports(Class<?> type) {
		return L7CheckProperties.class.isAssignableFrom(type);
	}

	/**
	 * Check the bound values; Spring Boot calls this when it binds the properties.
	 */
	@Override
	public void validate(Object target, Errors errors) {
		L7CheckProperties properties = (L7CheckProperties) target;
		if (!properties.getPath().startsWith("/") || properties.getPath().matches(".*[\\s?#*{}].*")) {
			errors.rejectValue("path", "invalid", "must be a plain path starting with '/', such as " + DEFAULT_PATH);
		}
		try {
			AddressAllowList.of(properties.getAllowedAddresses());
		}
		catch (IllegalArgumentException ex) {
			errors.rejectValue("allowedAddresses", "invalid", String.valueOf(ex.getMessage()));
		}
		String token = properties.getToken();
		if (token != null && (token.length() < MIN_TOKEN_LENGTH || !token.matches("[\\x21-\\x7E]+"))) {
			// Not rejectValue: the start-up failure would print the rejected value, the secret.
			errors.reject("invalidToken", "dynamic-bean.l7check.token must be empty or at least " + MIN_TOKEN_LENGTH
					+ " visible ASCII characters");
		}
	}

	/**
	 * The port that serves {@code PUT}, the change of the check.
	 */
	public enum ChangePort {

		/**
		 * The application's own port ({@code server.port}), with {@code GET}: the default.
		 */
		SERVER,

		/**
		 * Spring Boot's management port ({@code management.server.port}, which must then differ
		 * from {@code server.port}); the application's port answers {@code PUT} with {@code 405}.
		 */
		MANAGEMENT

	}

}
