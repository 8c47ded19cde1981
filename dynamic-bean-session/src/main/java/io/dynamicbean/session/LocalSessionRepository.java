/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.session.MapSession;
import org.springframework.session.Session;
import org.springframework.session.SessionIdGenerator;
import org.springframework.session.SessionRepository;
import org.springframework.session.UuidSessionIdGenerator;
import org.springframework.util.Assert;

/**
 * A bounded, thread-safe, in-memory {@link SessionRepository}: the store a
 * {@link SwitchableSessionRepository} serves from while no remote store is active, and where it
 * keeps a fallback copy of every session it writes to a remote store.
 *
 * <p>Defaults and limits:
 * <ul>
 * <li>at most {@value #DEFAULT_MAX_SESSIONS} sessions; beyond that the least recently used
 * (read or written) is evicted;</li>
 * <li>new sessions get a max inactive interval of 30 minutes
 * ({@link MapSession#DEFAULT_MAX_INACTIVE_INTERVAL});</li>
 * <li>a session past its max inactive interval is never returned; expired sessions are purged
 * lazily, by the first call after each purge interval (1 minute), so the store needs no thread of
 * its own;</li>
 * <li>ids come from a {@link UuidSessionIdGenerator}.</li>
 * </ul>
 *
 * <p>Sessions are held as {@link MapSession} copies: {@link #findById(String)} returns a copy that
 * changes nothing until it is {@link #save(MapSession) saved}. Attribute values are held by
 * reference, not serialized.
 */
public class LocalSessionRepository implements SessionRepository<MapSession> {

	/**
	 * The default maximum number of sessions held.
	 */
	public static final int DEFAULT_MAX_SESSIONS = 10_000;

	/**
	 * The default interval between purges of expired sessions.
	 */
	public static final Duration DEFAULT_PURGE_INTERVAL = Duration.ofMinutes(1);

	private static final Log logger = LogFactory.getLog(LocalSessionRepository.class);

	private final int maxSessions;

	private final Map<String, StoredSession> sessions;

	private volatile Duration defaultMaxInactiveInterval = MapSession.DEFAULT_MAX_INACTIVE_INTERVAL;

	private volatile SessionIdGenerator sessionIdGenerator = UuidSessionIdGenerator.getInstance();

	private volatile Clock clock = Clock.systemUTC();

	private volatile Duration purgeInterval = DEFAULT_PURGE_INTERVAL;

	private @Nullable Instant nextPurge;

	private long evictionCount;

	/**
	 * Create a store of at most {@value #DEFAULT_MAX_SESSIONS} sessions.
	 */
	public LocalSessionRepository() {
		this(DEFAULT_MAX_SESSIONS);
	}

	/**
	 * Create a store of at most the given number of sessions.
	 * @param maxSessions the maximum number of sessions held, at least 1
	 */
	public LocalSessionRepository(int maxSessions) {
		Assert.isTrue(maxSessions > 0, () -> "maxSessions must be at least 1, got " + maxSessions
				+ ": set dynamic-bean.session.local.max-sessions to a positive number");
		this.maxSessions = maxSessions;
		this.sessions = new LinkedHashMap<>(16, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, StoredSession> eldest) {
				return size() > LocalSessionRepository.this.maxSessions && evict();
			}

		};
	}

	/**
	 * Set the max inactive interval of newly created sessions; a negative duration means they
	 * never expire.
	 * @param defaultMaxInactiveInterval the interval, not {@code null}; 30 minutes by default
	 */
	public void setDefaultMaxInactiveInterval(Duration defaultMaxInactiveInterval) {
		Assert.notNull(defaultMaxInactiveInterval, "defaultMaxInactiveInterval must not be null");
		this.defaultMaxInactiveInterval = defaultMaxInactiveInterval;
	}

	/**
	 * Set the generator of the ids of new sessions and of changed ids.
	 * @param sessionIdGenerator the generator, not {@code null}; a {@link UuidSessionIdGenerator}
	 * by default
	 */
	public void setSessionIdGenerator(SessionIdGenerator sessionIdGenerator) {
		Assert.notNull(sessionIdGenerator, "sessionIdGenerator must not be null");
		this.sessionIdGenerator = sessionIdGenerator;
	}

	/**
	 * Set the clock that decides expiry and creation times.
	 * @param clock the clock, not {@code null}; the system UTC clock by default
	 */
	public void setClock(Clock clock) {
		Assert.notNull(clock, "clock must not be null");
		this.clock = clock;
	}

	/**
	 * Set how often expired sessions are purged. The purge runs on the calling thread of the first
	 * call after the interval has passed.
	 * @param purgeInterval the interval, positive, not {@code null}; 1 minute by default
	 */
	public void setPurgeInterval(Duration purgeInterval) {
		Assert.notNull(purgeInterval, "purgeInterval must not be null");
		Assert.isTrue(!purgeInterval.isNegative() && !purgeInterval.isZero(), "purgeInterval must be positive");
		this.purgeInterval = purgeInterval;
	}

	@Override
	public MapSession createSession() {
		MapSession session = new MapSession(this.sessionIdGenerator);
		Instant now = this.clock.instant();
		session.setCreationTime(now);
		session.setLastAccessedTime(now);
		session.setMaxInactiveInterval(this.defaultMaxInactiveInterval);
		return session;
	}

	/**
	 * Store a copy of the session; if its id was changed since it was created or found, the entry
	 * under its original id is removed.
	 */
	@Override
	public void save(MapSession session) {
		Assert.notNull(session, "session must not be null");
		store(session, session.getOriginalId(), false);
	}

	@Override
	public @Nullable MapSession findById(String id) {
		StoredSession stored = findStored(id);
		return (stored != null) ? stored.session() : null;
	}

	@Override
	public void deleteById(String id) {
		synchronized (this.sessions) {
			this.sessions.remove(id);
		}
	}

	/**
	 * Remove every expired session now.
	 * @return the number of sessions removed
	 */
	public int purgeExpiredSessions() {
		Instant now = this.clock.instant();
		synchronized (this.sessions) {
			return purge(now);
		}
	}

	/**
	 * Return the number of sessions held, expired ones not yet purged included.
	 * @return the number of sessions
	 */
	public int size() {
		synchronized (this.sessions) {
			return this.sessions.size();
		}
	}

	/**
	 * Return the maximum number of sessions held.
	 * @return the limit
	 */
	public int getMaxSessions() {
		return this.maxSessions;
	}

	/**
	 * Return how many sessions have been evicted to stay within {@link #getMaxSessions()}.
	 * @return the number of evictions since start
	 */
	public long getEvictionCount() {
		synchronized (this.sessions) {
			return this.evictionCount;
		}
	}

	/**
	 * Store a copy of any session.
	 * @param session the session
	 * @param previousId the id it was stored under before, removed if different from its id
	 * @param fallbackCopy whether the session lives in a remote store and this is only the copy
	 * kept in case that store loses it
	 */
	void store(Session session, @Nullable String previousId, boolean fallbackCopy) {
		MapSession copy = new MapSession(session);
		Instant now = this.clock.instant();
		synchronized (this.sessions) {
			purgeIfDue(now);
			if (previousId != null && !previousId.equals(copy.getId())) {
				this.sessions.remove(previousId);
			}
			this.sessions.put(copy.getId(), new StoredSession(copy, fallbackCopy));
		}
	}

	/**
	 * Find a session that has not expired, with whether it is a fallback copy.
	 * @param id the session id
	 * @return a copy of the stored session, or {@code null}
	 */
	@Nullable StoredSession findStored(String id) {
		Instant now = this.clock.instant();
		StoredSession stored;
		synchronized (this.sessions) {
			purgeIfDue(now);
			stored = this.sessions.get(id);
			if (stored != null && isExpired(stored.session(), now)) {
				this.sessions.remove(id);
				stored = null;
			}
		}
		if (stored == null) {
			return null;
		}
		MapSession copy = new MapSession(stored.session());
		copy.setSessionIdGenerator(this.sessionIdGenerator);
		return new StoredSession(copy, stored.fallbackCopy());
	}

	/**
	 * Tell, without copying the session, whether a session that has not expired is held, whether
	 * it is a fallback copy and when it was last accessed.
	 * @param id the session id
	 * @return what is held, or {@code null}
	 */
	@Nullable Held peek(String id) {
		Instant now = this.clock.instant();
		synchronized (this.sessions) {
			purgeIfDue(now);
			StoredSession stored = this.sessions.get(id);
			if (stored == null || isExpired(stored.session(), now)) {
				return null;
			}
			return new Held(stored.fallbackCopy(), stored.session().getLastAccessedTime());
		}
	}

	private void purgeIfDue(Instant now) {
		if (this.nextPurge == null) {
			this.nextPurge = now.plus(this.purgeInterval);
		}
		else if (!now.isBefore(this.nextPurge)) {
			purge(now);
		}
	}

	private int purge(Instant now) {
		int purged = 0;
		for (Iterator<StoredSession> it = this.sessions.values().iterator(); it.hasNext();) {
			if (isExpired(it.next().session(), now)) {
				it.remove();
				purged++;
			}
		}
		this.nextPurge = now.plus(this.purgeInterval);
		if (purged > 0 && logger.isDebugEnabled()) {
			logger.debug("Purged " + purged + " expired sessions from the local session store");
		}
		return purged;
	}

	private boolean evict() {
		if (this.evictionCount++ == 0) {
			logger.warn("Local session store is full (" + this.maxSessions + " sessions): evicting the least "
					+ "recently used sessions; raise dynamic-bean.session.local.max-sessions to keep more");
		}
		return true;
	}

	private static boolean isExpired(Session session, Instant now) {
		Duration maxInactiveInterval = session.getMaxInactiveInterval();
		return !maxInactiveInterval.isNegative()
				&& !now.isBefore(session.getLastAccessedTime().plus(maxInactiveInterval));
	}

	/**
	 * A session as held by the store.
	 * @param session the session
	 * @param fallbackCopy whether it is only the copy of a session that lives in a remote store
	 */
	record StoredSession(MapSession session, boolean fallbackCopy) {
	}

	/**
	 * What the store holds for a session id.
	 * @param fallbackCopy whether it is only the copy of a session that lives in a remote store
	 * @param lastAccessedTime when the held session was last accessed
	 */
	record Held(boolean fallbackCopy, Instant lastAccessedTime) {
	}

}
