/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.l7check.support;

import java.util.Locale;

import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.core.env.Environment;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Says, at start-up, where the servlet container takes the client address that the L7 check
 * decides on ({@code getRemoteAddr()}), from the same properties that Spring Boot reads to set up
 * the container: the TCP peer by default, or the client that trusted proxies report in
 * {@code X-Forwarded-For} when Tomcat's {@code RemoteIpValve} is on ({@code server.tomcat.remoteip.*},
 * {@code server.forward-headers-strategy=native}, or a detected cloud platform). Flags the set-ups
 * in which any client could forge that address.
 */
public final class ClientAddressSource {

	private static final String TOMCAT_VALVE = "org.apache.catalina.valves.RemoteIpValve";

	private final String description;

	private final boolean spoofable;

	private ClientAddressSource(String description, boolean spoofable) {
		this.description = description;
		this.spoofable = spoofable;
	}

	/**
	 * Work out the source of the client address from the environment.
	 * @param environment the application's environment, not {@code null}
	 * @return the source
	 */
	public static ClientAddressSource of(Environment environment) {
		Assert.notNull(environment, "environment must not be null");
		String strategy = environment.getProperty("server.forward-headers-strategy", "").toLowerCase(Locale.ROOT);
		if ("framework".equals(strategy)) {
			return new ClientAddressSource("server.forward-headers-strategy=framework takes it from the forwarded "
					+ "headers of any client, which anyone can forge; use Tomcat's RemoteIpValve instead "
					+ "(server.tomcat.remoteip.remote-ip-header and internal-proxies)", true);
		}
		if (!remoteIpValveOn(environment, strategy)) {
			return new ClientAddressSource("the TCP peer (no proxy trusted)", false);
		}
		if (!ClassUtils.isPresent(TOMCAT_VALVE, ClientAddressSource.class.getClassLoader())) {
			return new ClientAddressSource("forwarded headers, and the web server is not Tomcat: check which "
					+ "peers it believes them from", true);
		}
		String proxies = environment.getProperty("server.tomcat.remoteip.internal-proxies");
		String trusted = environment.getProperty("server.tomcat.remoteip.trusted-proxies");
		if (proxies == null) {
			return new ClientAddressSource("X-Forwarded-For as Tomcat's RemoteIpValve reads it from Spring Boot's "
					+ "default server.tomcat.remoteip.internal-proxies, every private and loopback range: any host "
					+ "there can claim to be 127.0.0.1; list only your proxies there", true);
		}
		return new ClientAddressSource("X-Forwarded-For as Tomcat's RemoteIpValve reads it from the proxies "
				+ "server.tomcat.remoteip.internal-proxies=" + proxies
				+ (StringUtils.hasText(trusted) ? " and trusted-proxies=" + trusted : ""), false);
	}

	private static boolean remoteIpValveOn(Environment environment, String strategy) {
		if (StringUtils.hasText(environment.getProperty("server.tomcat.remoteip.remote-ip-header"))
				|| StringUtils.hasText(environment.getProperty("server.tomcat.remoteip.protocol-header"))) {
			return true;
		}
		if (strategy.isEmpty()) {
			CloudPlatform platform = CloudPlatform.getActive(environment);
			return platform != null && platform.isUsingForwardHeaders();
		}
		return "native".equals(strategy);
	}

	/**
	 * Return where the client address comes from, as a phrase for the log.
	 * @return the description
	 */
	public String getDescription() {
		return this.description;
	}

	/**
	 * Whether clients could forge the address the decision is made on.
	 * @return {@code true} if the set-up deserves a warning
	 */
	public boolean isSpoofable() {
		return this.spoofable;
	}

	@Override
	public String toString() {
		return this.description;
	}

}
