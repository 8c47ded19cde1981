/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ids of sessions deleted (logged out) while the remote store could not be told: served
 * locally because it failed or no remote store was active. The front deletes them from the remote
 * store as soon as it can (when a store is switched in, or answers again), and until then treats
 * them as deleted whatever the remote store returns, so that a logout during an outage stays a
 * logout.
 *
 * <p>Bounded: at most a given number of ids, the oldest dropped first; an id is kept for the max
 * inactive interval of sessions, after which the remote store has expired the session anyway.
 * Thread-safe.
 */
final class PendingDeletions {

	/** How long a deletion of a session that never expires is remembered. */
	private static final Duration MAX_LIFETIME = Duration.ofDays(1);

	private final Map<String, Instant> deletions;

	private final Clock clock;

	PendingDeletions(int maxSize, Clock clock) {
		this.deletions = new LinkedHashMap<>() {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
				return size() > maxSize;
			}

		};
		this.clock = clock;
	}

	/**
	 * Remember a deletion.
	 * @param id the session id
	 * @param lifetime how long the remote store may still hold the session
	 */
	synchronized void add(String id, Duration lifetime) {
		this.deletions.remove(id);
		this.deletions.put(id, this.clock.instant().plus(lifetime.isNegative() ? MAX_LIFETIME : lifetime));
	}

	synchronized boolean contains(String id) {
		Instant until = this.deletions.get(id);
		if (until == null) {
			return false;
		}
		if (!this.clock.instant().isBefore(until)) {
			this.deletions.remove(id);
			return false;
		}
		return true;
	}

	synchronized void remove(String id) {
		this.deletions.remove(id);
	}

	/**
	 * Return the ids still pending, expired ones dropped.
	 */
	synchronized List<String> ids() {
		Instant now = this.clock.instant();
		this.deletions.values().removeIf((until) -> !now.isBefore(until));
		return new ArrayList<>(this.deletions.keySet());
	}

}
