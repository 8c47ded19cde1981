/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.support;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The expiration memcached is given for an item that expires at a moment: the seconds left, at
 * least 1, rounded up; memcached reads values above 30 days as absolute Unix times, so those are
 * given as one; {@code 0} (never) for an item that never expires.
 */
public final class MemcachedExpiry {

	/** Memcached reads expirations longer than this many seconds as absolute Unix times. */
	private static final long MAX_RELATIVE_EXPIRY_SECONDS = Duration.ofDays(30).toSeconds();

	private MemcachedExpiry() {
	}

	/**
	 * Return the expiration of an item.
	 * @param expiresAt when the item expires, {@code null} for never
	 * @param now the current time
	 * @return the expiration to give memcached
	 */
	public static int of(@Nullable Instant expiresAt, Instant now) {
		if (expiresAt == null) {
			return 0;
		}
		long seconds = Math.max(1, Duration.between(now, expiresAt).toSeconds() + 1);
		if (seconds <= MAX_RELATIVE_EXPIRY_SECONDS) {
			return (int) seconds;
		}
		return (int) Math.min(Integer.MAX_VALUE, now.getEpochSecond() + seconds);
	}

}
