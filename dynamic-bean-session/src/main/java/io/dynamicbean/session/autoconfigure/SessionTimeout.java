/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.session.MapSession;
import org.springframework.util.Assert;

/**
 * The session timeout of Spring Boot's own properties, which every store of the application
 * uses so that a session lasts as long in memcached, Redis or the database as it does locally:
 * {@code spring.session.timeout}, else {@code server.servlet.session.timeout}, else Spring
 * Session's 30 minutes.
 */
public final class SessionTimeout {

	private SessionTimeout() {
	}

	/**
	 * Return the session timeout configured in the environment.
	 * @param environment the application's environment, not {@code null}
	 * @return the timeout; 30 minutes when none is configured
	 */
	public static Duration of(Environment environment) {
		Assert.notNull(environment, "environment must not be null");
		Binder binder = Binder.get(environment);
		return binder.bind("spring.session.timeout", Duration.class)
			.orElseGet(() -> binder.bind("server.servlet.session.timeout", Duration.class)
				.orElse(MapSession.DEFAULT_MAX_INACTIVE_INTERVAL));
	}

}
