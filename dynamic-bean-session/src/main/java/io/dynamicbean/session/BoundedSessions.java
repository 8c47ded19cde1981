/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.dynamicbean.session.LocalSessionRepository.StoredSession;
import io.dynamicbean.session.SessionSizeEstimator.SessionSize;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The sessions held by a {@link LocalSessionRepository}, bounded in count and in estimated bytes
 * ({@link SessionSizeEstimator}). Beyond either bound, the least recently used (read or written)
 * anonymous session is evicted; an established session (one holding a login, see
 * {@link EstablishedSessions}) only when no anonymous session is left, that is when established
 * sessions alone exceed a bound. A session larger than the whole byte budget is not kept. Not
 * thread-safe: used under the lock of its store.
 */
final class BoundedSessions {

	private static final Log logger = LogFactory.getLog(LocalSessionRepository.class);

	private final Map<String, Held> anonymous = new LinkedHashMap<>(16, 0.75f, true);

	private final Map<String, Held> established = new LinkedHashMap<>(16, 0.75f, true);

	private final int maxSessions;

	private long maxBytes;

	private long bytes;

	private int localVersions;

	private long evictionCount;

	private long establishedEvictionCount;

	private final PeriodicWarning anonymousWarning = new PeriodicWarning();

	private final PeriodicWarning establishedWarning = new PeriodicWarning();

	BoundedSessions(int maxSessions, long maxBytes) {
		this.maxSessions = maxSessions;
		this.maxBytes = maxBytes;
	}

	void setMaxBytes(long maxBytes) {
		this.maxBytes = maxBytes;
	}

	@Nullable StoredSession get(String id) {
		Held held = this.established.get(id);
		if (held == null) {
			held = this.anonymous.get(id);
		}
		return (held != null) ? held.stored() : null;
	}

	/**
	 * Return the sessions holding a login, in no particular order, without touching their recency.
	 */
	List<StoredSession> established() {
		return this.established.values().stream().map(Held::stored).toList();
	}

	/**
	 * Hold a session, weighing it (values held under the same attribute as before, the same
	 * objects, are not weighed again), then evict what exceeds the bounds.
	 * @param previousId the id it was held under before, or {@code null}
	 * @param stored the session
	 * @param now the current time, for the warnings
	 */
	void put(@Nullable String previousId, StoredSession stored, Instant now) {
		String id = stored.session().getId();
		Held previous = remove(id);
		if (previousId != null && !previousId.equals(id)) {
			Held previousHeld = remove(previousId);
			previous = (previous != null) ? previous : previousHeld;
		}
		SessionSize size = SessionSizeEstimator.estimate(stored.session(),
				(previous != null) ? previous.size() : null);
		boolean isEstablished = EstablishedSessions.isEstablished(stored.session());
		(isEstablished ? this.established : this.anonymous).put(id, new Held(stored, size));
		added(stored, size.bytes());
		if (size.bytes() > this.maxBytes) {
			remove(id);
			evicted(id, isEstablished, now, size.bytes());
		}
		evictBeyondBounds(now);
	}

	/**
	 * Replace what is held under an id without weighing it again: the same session, other flags.
	 */
	void replaceFlags(String id, StoredSession stored) {
		Held held = this.established.get(id);
		Map<String, Held> map = this.established;
		if (held == null) {
			held = this.anonymous.get(id);
			map = this.anonymous;
		}
		if (held != null) {
			map.put(id, new Held(stored, held.size()));
			this.localVersions += (stored.fallbackCopy() ? 0 : 1) - (held.stored().fallbackCopy() ? 0 : 1);
		}
	}

	@Nullable Held remove(String id) {
		Held held = this.established.remove(id);
		if (held == null) {
			held = this.anonymous.remove(id);
		}
		if (held != null) {
			removed(held);
		}
		return held;
	}

	/**
	 * Return the ids of the sessions held that match a condition, without touching their recency.
	 */
	List<String> idsMatching(Predicate<StoredSession> condition) {
		List<String> ids = new ArrayList<>();
		for (Map<String, Held> sessions : List.of(this.anonymous, this.established)) {
			for (Held held : sessions.values()) {
				if (condition.test(held.stored())) {
					ids.add(held.stored().session().getId());
				}
			}
		}
		return ids;
	}

	int removeIf(Predicate<StoredSession> condition) {
		return removeIf(this.anonymous, condition) + removeIf(this.established, condition);
	}

	private int removeIf(Map<String, Held> sessions, Predicate<StoredSession> condition) {
		int removed = 0;
		for (Iterator<Held> it = sessions.values().iterator(); it.hasNext();) {
			Held held = it.next();
			if (condition.test(held.stored())) {
				it.remove();
				removed(held);
				removed++;
			}
		}
		return removed;
	}

	private void added(StoredSession stored, long bytes) {
		this.bytes += bytes;
		if (!stored.fallbackCopy()) {
			this.localVersions++;
		}
	}

	private void removed(Held held) {
		this.bytes -= held.size().bytes();
		if (!held.stored().fallbackCopy()) {
			this.localVersions--;
		}
	}

	int size() {
		return this.anonymous.size() + this.established.size();
	}

	/**
	 * Return how many sessions held are local versions, not fallback copies: they live only here.
	 */
	int localVersions() {
		return this.localVersions;
	}

	long bytes() {
		return this.bytes;
	}

	long evictionCount() {
		return this.evictionCount;
	}

	long establishedEvictionCount() {
		return this.establishedEvictionCount;
	}

	private void evictBeyondBounds(Instant now) {
		while (size() > this.maxSessions || this.bytes > this.maxBytes) {
			boolean fromEstablished = this.anonymous.isEmpty();
			Map<String, Held> sessions = fromEstablished ? this.established : this.anonymous;
			Iterator<Map.Entry<String, Held>> eldest = sessions.entrySet().iterator();
			Map.Entry<String, Held> entry = eldest.next();
			eldest.remove();
			removed(entry.getValue());
			evicted(entry.getKey(), fromEstablished, now, entry.getValue().size().bytes());
		}
	}

	private void evicted(String id, boolean established, Instant now, long bytes) {
		this.evictionCount++;
		if (established) {
			this.establishedEvictionCount++;
		}
		PeriodicWarning warning = established ? this.establishedWarning : this.anonymousWarning;
		if (!warning.due(now)) {
			return;
		}
		long suppressed = warning.takeSuppressed();
		String bounds = this.maxSessions + " sessions, " + this.maxBytes + " bytes estimated";
		if (established) {
			logger.warn("Local session store is full of logged-in sessions (" + bounds + "): evicted the least "
					+ "recently used logged-in session " + SessionIds.abbreviate(id) + " (" + bytes + " bytes), and "
					+ suppressed + " more since the last warning; raise dynamic-bean.session.local.max-bytes "
					+ "(or local.max-sessions) to keep more");
		}
		else {
			logger.warn("Local session store is full (" + bounds + "): evicting the least recently used "
					+ "anonymous sessions (" + (suppressed + 1) + " since the last warning); logged-in sessions are "
					+ "kept; raise dynamic-bean.session.local.max-bytes (or local.max-sessions) to keep more");
		}
	}

	/**
	 * A session held, with its estimated size.
	 */
	record Held(StoredSession stored, SessionSize size) {
	}

}
