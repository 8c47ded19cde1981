/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import java.time.Duration;

import org.springframework.session.FlushMode;
import org.springframework.session.SaveMode;
import org.springframework.session.SessionIdGenerator;
import org.springframework.util.Assert;

/**
 * What a {@link SessionStoreGeneratorAdapter} gives every repository it builds, for the
 * generator to apply through the repository's own typed setters
 * ({@link SessionStoreGeneratorAdapter#applySettings}).
 *
 * @param sessionIdGenerator the front's id generator, so that sessions moved into the store keep
 * their ids (Spring Session's {@code setSessionIdGenerator})
 * @param sessionTimeout how long a session lasts without requests
 * ({@code setDefaultMaxInactiveInterval})
 * @param flushMode when changes are written, for stores that have {@code setFlushMode}
 * @param saveMode which attributes are written, for stores that have {@code setSaveMode}
 */
public record SessionStoreSettings(SessionIdGenerator sessionIdGenerator, Duration sessionTimeout,
		FlushMode flushMode, SaveMode saveMode) {

	/**
	 * Create settings; every value is required.
	 */
	public SessionStoreSettings {
		Assert.notNull(sessionIdGenerator, "sessionIdGenerator must not be null");
		Assert.notNull(sessionTimeout, "sessionTimeout must not be null");
		Assert.notNull(flushMode, "flushMode must not be null");
		Assert.notNull(saveMode, "saveMode must not be null");
	}

}
