/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.dynamicbean.session.LocalSessionRepository.StoredSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.session.Session;

/**
 * The ids of sessions deleted (logged out) while the remote store could not be told: served
 * locally because it failed or no remote store was active. The front deletes them from the remote
 * store as soon as it can (when a store is switched in, or answers again), and until then treats
 * them as deleted whatever the remote store returns, so that a logout during an outage stays a
 * logout.
 *
 * <p>Which logouts are remembered: not that of a session created in the local store and never
 * offered to a remote store ({@link StoredSession#localOnly()}): no store can bring it back. Any
 * other for the max inactive interval of the session, after which the remote store has expired it
 * anyway (a day for a session that never expires).
 *
 * <p>Bounded in estimated bytes ({@value #ENTRY_OVERHEAD} bytes plus the id per deletion), never by
 * other clients' traffic alone. Beyond the budget, expired deletions go first, then those of
 * anonymous sessions (see {@link EstablishedSessions}: a session without a login that comes back
 * gives nobody a login), oldest first. Only when the deletions of logged-in sessions alone exceed
 * the budget is the oldest of them dropped, and then the front fails closed: until that deletion
 * would have expired, it refuses any session it finds whose last access is not after the moment
 * the dropped logout was made ({@link #mayHaveForgotten(Session)}), logging such users out rather
 * than bringing a logged-out session back; a WARN says which property to raise. Thread-safe.
 *
 * <p>A logout the store was told of is remembered too, for {@link #RECENT_LIFETIME} (at most
 * {@value #MAX_RECENT} of them, the oldest dropped first): a request that loaded the session before
 * the logout, and saves it after the store stopped answering, must not bring it back as a local
 * version ({@link #toldRecently(String)}).
 */
final class PendingDeletions {

	/** Bytes counted for a deletion besides its id. */
	static final long ENTRY_OVERHEAD = 160;

	/** How long a deletion of a session that never expires is remembered. */
	private static final Duration MAX_LIFETIME = Duration.ofDays(1);

	/** How often, at most, a full budget looks for expired deletions before dropping live ones. */
	private static final Duration EXPIRY_SCAN_INTERVAL = Duration.ofSeconds(10);

	/** How long a logout the store was told of still refuses the saves of requests in flight. */
	static final Duration RECENT_LIFETIME = Duration.ofMinutes(5);

	/** The most logouts the store was told of remembered at once. */
	static final int MAX_RECENT = 10_000;

	private static final Log logger = LogFactory.getLog(PendingDeletions.class);

	private final Map<String, Instant> toldRecently = new LinkedHashMap<>();

	private final Map<String, Deletion> anonymous = new LinkedHashMap<>();

	private final Map<String, Deletion> established = new LinkedHashMap<>();

	private volatile long maxBytes;

	private long bytes;

	private volatile Clock clock;

	private @Nullable Instant forgottenUpTo;

	private @Nullable Instant forgottenUntil;

	private long forgottenCount;

	private @Nullable Instant nextExpiryScan;

	private final PeriodicWarning warning = new PeriodicWarning();

	PendingDeletions(long maxBytes, Clock clock) {
		this.maxBytes = maxBytes;
		this.clock = clock;
	}

	void setMaxBytes(long maxBytes) {
		this.maxBytes = maxBytes;
	}

	long getMaxBytes() {
		return this.maxBytes;
	}

	void setClock(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Remember the deletion of a session held by the local store, or not held at all: nothing for a
	 * session that never left the local store.
	 * @param id the session id
	 * @param held what the local store held just before the deletion, or {@code null}
	 * @param defaultLifetime the lifetime to assume when nothing was held
	 */
	void add(String id, @Nullable StoredSession held, Duration defaultLifetime) {
		if (held != null && held.localOnly()) {
			return;
		}
		boolean isEstablished = held == null || EstablishedSessions.isEstablished(held.session());
		add(id, (held != null) ? held.session().getMaxInactiveInterval() : defaultLifetime, isEstablished);
	}

	/**
	 * Remember a deletion, as of a logged-in session.
	 * @param id the session id
	 * @param lifetime how long the remote store may still hold the session
	 */
	void add(String id, Duration lifetime) {
		add(id, lifetime, true);
	}

	synchronized void add(String id, Duration lifetime, boolean isEstablished) {
		remove(id);
		Instant now = this.clock.instant();
		Deletion deletion = new Deletion(now, now.plus(lifetime.isNegative() ? MAX_LIFETIME : lifetime),
				ENTRY_OVERHEAD + 2L * id.length());
		(isEstablished ? this.established : this.anonymous).put(id, deletion);
		this.bytes += deletion.bytes();
		if (this.bytes > this.maxBytes) {
			dropBeyondBudget(now);
		}
	}

	/**
	 * Record that the remote store was told of a deletion: it is no longer pending, and is
	 * remembered for {@link #RECENT_LIFETIME}.
	 * @param id the session id
	 */
	synchronized void told(String id) {
		remove(id);
		Instant now = this.clock.instant();
		Iterator<Map.Entry<String, Instant>> oldest = this.toldRecently.entrySet().iterator();
		while (oldest.hasNext()) {
			Map.Entry<String, Instant> entry = oldest.next();
			if (this.toldRecently.size() < MAX_RECENT && now.isBefore(entry.getValue())) {
				break;
			}
			oldest.remove();
		}
		this.toldRecently.remove(id);
		this.toldRecently.put(id, now.plus(RECENT_LIFETIME));
	}

	/**
	 * Return whether the remote store was told of the deletion of a session in the last
	 * {@link #RECENT_LIFETIME}: a save of it comes from a request that loaded it before.
	 * @param id the session id
	 * @return {@code true} if the session was deleted moments ago
	 */
	synchronized boolean toldRecently(String id) {
		Instant until = this.toldRecently.get(id);
		if (until == null) {
			return false;
		}
		if (!this.clock.instant().isBefore(until)) {
			this.toldRecently.remove(id);
			return false;
		}
		return true;
	}

	synchronized boolean contains(String id) {
		Deletion deletion = this.established.get(id);
		if (deletion == null) {
			deletion = this.anonymous.get(id);
		}
		if (deletion == null) {
			return false;
		}
		if (!this.clock.instant().isBefore(deletion.until())) {
			remove(id);
			return false;
		}
		return true;
	}

	/**
	 * Return whether a session found in a store may be one whose deletion was dropped to stay
	 * within the budget: it was last accessed no later than a dropped logout, which has not expired.
	 * @param session a session found in a store, or {@code null}
	 * @return {@code true} if the session must be taken for deleted
	 */
	synchronized boolean mayHaveForgotten(@Nullable Session session) {
		if (session == null || this.forgottenUpTo == null || this.forgottenUntil == null) {
			return false;
		}
		if (!this.clock.instant().isBefore(this.forgottenUntil)) {
			this.forgottenUpTo = null;
			this.forgottenUntil = null;
			return false;
		}
		return !session.getLastAccessedTime().isAfter(this.forgottenUpTo);
	}

	synchronized void remove(String id) {
		Deletion deletion = this.established.remove(id);
		if (deletion == null) {
			deletion = this.anonymous.remove(id);
		}
		if (deletion != null) {
			this.bytes -= deletion.bytes();
		}
	}

	/**
	 * Return the ids still pending, expired ones dropped.
	 */
	synchronized List<String> ids() {
		dropExpired(this.clock.instant());
		List<String> ids = new ArrayList<>(this.established.keySet());
		ids.addAll(this.anonymous.keySet());
		return ids;
	}

	synchronized long bytes() {
		return this.bytes;
	}

	/**
	 * Return how many deletions are remembered, expired ones not yet dropped included.
	 */
	synchronized int size() {
		return this.anonymous.size() + this.established.size();
	}

	synchronized long forgottenCount() {
		return this.forgottenCount;
	}

	private void dropBeyondBudget(Instant now) {
		if (this.nextExpiryScan == null || !now.isBefore(this.nextExpiryScan)) {
			this.nextExpiryScan = now.plus(EXPIRY_SCAN_INTERVAL);
			dropExpired(now);
		}
		dropOldest(this.anonymous, now);
		dropOldest(this.established, now);
	}

	private void dropExpired(Instant now) {
		dropExpired(this.anonymous, now);
		dropExpired(this.established, now);
	}

	private void dropExpired(Map<String, Deletion> deletions, Instant now) {
		for (Iterator<Deletion> it = deletions.values().iterator(); it.hasNext();) {
			Deletion deletion = it.next();
			if (!now.isBefore(deletion.until())) {
				it.remove();
				this.bytes -= deletion.bytes();
			}
		}
	}

	private void dropOldest(Map<String, Deletion> deletions, Instant now) {
		for (Iterator<Deletion> it = deletions.values().iterator(); it.hasNext() && this.bytes > this.maxBytes;) {
			Deletion deletion = it.next();
			it.remove();
			this.bytes -= deletion.bytes();
			if (deletions == this.established) {
				forgot(deletion, now);
			}
		}
	}

	private void forgot(Deletion deletion, Instant now) {
		this.forgottenCount++;
		if (this.forgottenUpTo == null || deletion.at().isAfter(this.forgottenUpTo)) {
			this.forgottenUpTo = deletion.at();
		}
		if (this.forgottenUntil == null || deletion.until().isAfter(this.forgottenUntil)) {
			this.forgottenUntil = deletion.until();
		}
		if (this.warning.due(now)) {
			logger.warn("Pending logouts of logged-in sessions exceed dynamic-bean.session.local."
					+ "max-pending-deletion-bytes (" + this.maxBytes + " bytes): dropped the oldest ("
					+ (this.warning.takeSuppressed() + 1) + " since the last warning); failing closed, sessions found "
					+ "in the store last used before " + this.forgottenUpTo + " are taken for logged out until "
					+ this.forgottenUntil + "; raise the property to remember more");
		}
	}

	/**
	 * A deletion remembered.
	 * @param at when it was made
	 * @param until when the remote store has expired the session anyway
	 * @param bytes its estimated size
	 */
	private record Deletion(Instant at, Instant until, long bytes) {
	}

}
