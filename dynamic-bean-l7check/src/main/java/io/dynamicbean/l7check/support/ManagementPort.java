/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.l7check.support;

import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.core.env.Environment;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * Whether Spring Boot serves its management endpoints on a port of their own
 * ({@code management.server.port} set, and not to {@code server.port}), in a child context with its
 * own connector. Needs Spring Boot's actuator ({@code spring-boot-starter-actuator}).
 */
public final class ManagementPort {

	private static final String PORT_TYPE = "org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType";

	private ManagementPort() {
	}

	/**
	 * Whether the management endpoints have a port of their own.
	 * @param environment the application's environment, not {@code null}
	 * @return {@code true} if Spring Boot's actuator is present and {@code management.server.port}
	 * differs from {@code server.port}
	 */
	public static boolean isSeparate(Environment environment) {
		Assert.notNull(environment, "environment must not be null");
		return ClassUtils.isPresent(PORT_TYPE, ManagementPort.class.getClassLoader())
				&& ManagementPortType.get(environment) == ManagementPortType.DIFFERENT;
	}

	/**
	 * Fail unless the management endpoints have a port of their own.
	 * @param environment the application's environment, not {@code null}
	 * @throws IllegalStateException saying what to configure
	 */
	public static void require(Environment environment) {
		if (!isSeparate(environment)) {
			throw new IllegalStateException("dynamic-bean.l7check.change-port=management needs Spring Boot's "
					+ "management server on a port of its own: add spring-boot-starter-actuator and set "
					+ "management.server.port to a port other than server.port (or set "
					+ "dynamic-bean.l7check.change-port=server)");
		}
	}

}
