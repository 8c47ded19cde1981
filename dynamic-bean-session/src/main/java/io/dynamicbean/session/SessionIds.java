/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The space of session ids, and the ids outside it that the front keeps for records of its own.
 *
 * <p>A <em>well-formed</em> session id is one a session id generator could have made: 16 to 128
 * characters among ASCII letters, digits, {@code -} and {@code _} (a UUID qualifies, as does the
 * URL-safe Base64 of random bytes). The front treats any other id arriving from a client (a
 * cookie or header) as no session at all: the request goes on without one, and no store is asked.
 *
 * <p>The front's own records in a remote store (the epoch marker of {@link StoreEpochs}) have
 * <em>internal</em> ids, which start with {@value #INTERNAL_PREFIX}: the {@code .} is outside the
 * alphabet of session ids, so no client can name them, in any store whose keys are built from the
 * id (memcached keys, Redis keys, the JDBC table's id column). Ids that earlier releases used for
 * such records are reserved and never well-formed.
 *
 * <p>Session ids are credentials: logs show only their first characters.
 */
public final class SessionIds {

	/** The shortest well-formed session id. */
	public static final int MIN_LENGTH = 16;

	/** The longest well-formed session id. */
	public static final int MAX_LENGTH = 128;

	/** The prefix of the ids of the front's own records, outside the space of session ids. */
	public static final String INTERNAL_PREFIX = "dynamic-bean.";

	/** Ids of internal records written by earlier releases as if they were sessions. */
	private static final Set<String> RETIRED = Set.of("dynamic-bean-store-epoch");

	private static final int SHOWN_CHARACTERS = 8;

	private SessionIds() {
	}

	/**
	 * Return whether an id can be a session's: in the alphabet and length of session ids, and
	 * not reserved.
	 * @param id the candidate, possibly {@code null}
	 * @return {@code true} if a session may be looked up under it
	 */
	public static boolean isWellFormed(@Nullable String id) {
		return id != null && id.length() >= MIN_LENGTH && id.length() <= MAX_LENGTH && inAlphabet(id, 0)
				&& !RETIRED.contains(id);
	}

	/**
	 * Return whether an id names one of the front's own records rather than a session.
	 * @param id the candidate, possibly {@code null}
	 * @return {@code true} for {@value #INTERNAL_PREFIX} followed by 1 to 64 characters of the
	 * alphabet of session ids
	 */
	public static boolean isInternal(@Nullable String id) {
		int start = INTERNAL_PREFIX.length();
		return id != null && id.startsWith(INTERNAL_PREFIX) && id.length() > start && id.length() <= start + 64
				&& inAlphabet(id, start);
	}

	private static boolean inAlphabet(String id, int from) {
		for (int i = from; i < id.length(); i++) {
			char c = id.charAt(i);
			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
				return false;
			}
		}
		return true;
	}

	static String abbreviate(String id) {
		return (id.length() <= SHOWN_CHARACTERS) ? "'" + id + "'" : "'" + id.substring(0, SHOWN_CHARACTERS) + "…'";
	}

}
