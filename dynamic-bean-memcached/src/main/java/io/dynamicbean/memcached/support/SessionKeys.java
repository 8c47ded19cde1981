/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.support;

import java.util.regex.Pattern;

import io.dynamicbean.session.SessionIds;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Builds memcached keys from session ids, after checking that the id is one a session id
 * generator could have made ({@link SessionIds#isWellFormed(String)}: 16 to 128 characters among
 * letters, digits, {@code -} and {@code _}) or names one of the session front's own records
 * ({@link SessionIds#isInternal(String)}). Anything else, which can only come from a forged
 * cookie, never reaches memcached.
 */
public final class SessionKeys {

	/** The longest key prefix: keeps every key within memcached's 250 bytes. */
	public static final int MAX_PREFIX_LENGTH = 100;

	private static final int MIN_ID_LENGTH = 16;

	private static final int MAX_ID_LENGTH = 128;

	private static final Pattern PREFIX = Pattern.compile("[\\x21-\\x7e]*");

	private final String prefix;

	/**
	 * Create keys with the given prefix.
	 * @param prefix printable ASCII without spaces, at most {@value #MAX_PREFIX_LENGTH} characters
	 */
	public SessionKeys(String prefix) {
		Assert.notNull(prefix, "prefix must not be null");
		Assert.isTrue(prefix.length() <= MAX_PREFIX_LENGTH && PREFIX.matcher(prefix).matches(),
				() -> "dynamic-bean.memcached.key-prefix '" + prefix + "' is not a valid memcached key prefix: use "
						+ "at most " + MAX_PREFIX_LENGTH + " printable ASCII characters without spaces");
		this.prefix = prefix;
	}

	/**
	 * Return whether a string may be used in a key: a well-formed session id, or the id of one of
	 * the session front's own records (see {@link SessionIds}).
	 * @param sessionId the candidate, possibly {@code null}
	 * @return {@code true} if it may be used in a key
	 */
	public static boolean isValidSessionId(@Nullable String sessionId) {
		return SessionIds.isWellFormed(sessionId) || SessionIds.isInternal(sessionId);
	}

	/**
	 * Return the key of a session.
	 * @param sessionId the session id
	 * @return the key, or {@code null} if the id is malformed
	 */
	public @Nullable String keyOf(@Nullable String sessionId) {
		return isValidSessionId(sessionId) ? this.prefix + sessionId : null;
	}

	/**
	 * Return the prefix of every key.
	 * @return the prefix
	 */
	public String getPrefix() {
		return this.prefix;
	}

}
