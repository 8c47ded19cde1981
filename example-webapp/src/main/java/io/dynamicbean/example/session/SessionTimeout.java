/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.session;

import java.time.Duration;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.session.MapSession;

/**
 * The session timeout that every store of the application uses, so that a session lasts as long
 * in Redis or the database as it does locally: {@code spring.session.timeout}, else
 * {@code server.servlet.session.timeout}, else Spring Session's 30 minutes.
 */
public final class SessionTimeout {

	private SessionTimeout() {
	}

	/**
	 * Return the configured session timeout.
	 * @param environment the application's environment
	 * @return the timeout
	 */
	public static Duration of(Environment environment) {
		Binder binder = Binder.get(environment);
		return binder.bind("spring.session.timeout", Duration.class)
			.orElseGet(() -> binder.bind("server.servlet.session.timeout", Duration.class)
				.orElse(MapSession.DEFAULT_MAX_INACTIVE_INTERVAL));
	}

}
