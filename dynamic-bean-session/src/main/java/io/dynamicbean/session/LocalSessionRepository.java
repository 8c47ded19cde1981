/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.session.FindByIndexNameSessionRepository;
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
 * <li>at most {@value #DEFAULT_MAX_SESSIONS} sessions and {@value #DEFAULT_MAX_BYTES} bytes
 * (64 MB) as estimated by {@link SessionSizeEstimator} (strings by length, simple values by a fixed
 * size, Spring Security's context by a fixed 2 KB, other values by their serialized size, weighed
 * once per value); beyond either bound the least recently used (read or written) anonymous session
 * is evicted. A session holding a login (Spring Security's {@code SPRING_SECURITY_CONTEXT}
 * attribute or {@link FindByIndexNameSessionRepository#PRINCIPAL_NAME_INDEX_NAME}) is evicted only
 * when such sessions alone exceed a bound, with a WARN at most every 5 minutes; a session larger
 * than the whole byte budget is not kept. So a flood of anonymous sessions evicts only anonymous
 * sessions;</li>
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
 * reference, not serialized. For the front, a save applies only what the request changed onto the
 * copy held, so two requests of one session that change different attributes keep both, and a
 * session deleted meanwhile is not brought back.
 */
public class LocalSessionRepository implements SessionRepository<MapSession> {

	/**
	 * The default maximum number of sessions held.
	 */
	public static final int DEFAULT_MAX_SESSIONS = 10_000;

	/**
	 * The default byte budget of the sessions held, as estimated: 64 MB.
	 */
	public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

	/**
	 * The default byte budget of the pending deletions (logouts the remote store could not be told
	 * of yet), as estimated: 8 MB, some 36,000 logouts.
	 */
	public static final long DEFAULT_MAX_PENDING_DELETION_BYTES = 8L * 1024 * 1024;

	/**
	 * The smallest byte budget accepted, for the sessions and for the pending deletions: 1 KB.
	 */
	public static final long MIN_MAX_BYTES = 1024;

	/**
	 * The default interval between purges of expired sessions.
	 */
	public static final Duration DEFAULT_PURGE_INTERVAL = Duration.ofMinutes(1);

	private static final Log logger = LogFactory.getLog(LocalSessionRepository.class);

	private final int maxSessions;

	private final BoundedSessions sessions;

	private final PendingDeletions pendingDeletions;

	private volatile long maxBytes = DEFAULT_MAX_BYTES;

	private volatile Duration defaultMaxInactiveInterval = MapSession.DEFAULT_MAX_INACTIVE_INTERVAL;

	private volatile SessionIdGenerator sessionIdGenerator = UuidSessionIdGenerator.getInstance();

	private volatile Clock clock = Clock.systemUTC();

	private volatile Duration purgeInterval = DEFAULT_PURGE_INTERVAL;

	private @Nullable Instant nextPurge;

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
		this.sessions = new BoundedSessions(maxSessions, DEFAULT_MAX_BYTES);
		this.pendingDeletions = new PendingDeletions(DEFAULT_MAX_PENDING_DELETION_BYTES, this.clock);
	}

	/**
	 * Set the byte budget of the sessions held, as estimated by {@link SessionSizeEstimator}.
	 * Sessions are evicted beyond it as beyond the maximum number of sessions: anonymous ones
	 * first.
	 * @param maxBytes the budget, at least {@value #MIN_MAX_BYTES}; {@value #DEFAULT_MAX_BYTES}
	 * (64 MB) by default
	 */
	public void setMaxBytes(long maxBytes) {
		checkBudget(maxBytes, "dynamic-bean.session.local.max-bytes");
		synchronized (this.sessions) {
			this.maxBytes = maxBytes;
			this.sessions.setMaxBytes(maxBytes);
		}
	}

	/**
	 * Set the byte budget of the deletions (logouts) this instance remembers until the remote store
	 * can be told of them (see {@link PendingDeletions}).
	 * @param maxPendingDeletionBytes the budget, at least {@value #MIN_MAX_BYTES};
	 * {@value #DEFAULT_MAX_PENDING_DELETION_BYTES} (8 MB) by default
	 */
	public void setMaxPendingDeletionBytes(long maxPendingDeletionBytes) {
		checkBudget(maxPendingDeletionBytes, "dynamic-bean.session.local.max-pending-deletion-bytes");
		this.pendingDeletions.setMaxBytes(maxPendingDeletionBytes);
	}

	private static void checkBudget(long bytes, String property) {
		Assert.isTrue(bytes >= MIN_MAX_BYTES, () -> property + " must be at least " + MIN_MAX_BYTES
				+ " bytes (1KB), got " + bytes + ": set it to a size such as 64MB");
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
		this.pendingDeletions.setClock(clock);
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
	 * Record that a session may have reached a remote store under its id (a move into it was
	 * attempted by {@link SessionMigration}): a logout of it then needs a pending deletion.
	 * @param id the session id
	 */
	void offeredToRemote(String id) {
		synchronized (this.sessions) {
			StoredSession held = this.sessions.get(id);
			if (held != null && held.localOnly()) {
				this.sessions.replaceFlags(id, new StoredSession(held.session(), held.fallbackCopy(),
						held.baseVersion(), held.epoch(), false, held.changes()));
			}
		}
	}

	/**
	 * Return the unexpired sessions holding a login, for the principal index of the front: the
	 * local store has no index of its own and is searched instead (at most
	 * {@link #getMaxSessions()} sessions, only on look-ups by principal).
	 * @param ownVersionsOnly whether to leave out fallback copies of sessions kept in a remote
	 * store
	 */
	List<MapSession> loggedInSessions(boolean ownVersionsOnly) {
		Instant now = this.clock.instant();
		List<StoredSession> established;
		synchronized (this.sessions) {
			established = this.sessions.established();
		}
		return established.stream()
			.filter((stored) -> !(ownVersionsOnly && stored.fallbackCopy()) && !isExpired(stored.session(), now))
			.map((stored) -> new MapSession(stored.session()))
			.toList();
	}

	/**
	 * Return the ids of the sessions held as local versions that bring changes onto a version a
	 * remote store holds (changed here while it did not answer, or refused by it), unexpired, for
	 * the front to bring those changes into the store. Nothing is scanned while no local version is
	 * held.
	 */
	List<String> idsOfLocalChanges() {
		Instant now = this.clock.instant();
		synchronized (this.sessions) {
			if (this.sessions.localVersions() == 0) {
				return List.of();
			}
			return this.sessions.idsMatching((stored) -> !stored.fallbackCopy()
					&& (stored.baseVersion() != null || !stored.changes().isEmpty()) && !isExpired(stored.session(), now));
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
	 * Return how many of the sessions held live only in this instance's memory: created here, or
	 * changed here while the remote store failed, and not (yet) in a remote store. They are lost if
	 * this instance stops before they reach one. The others are fallback copies of sessions a
	 * remote store holds.
	 * @return the number of local-only sessions, expired ones not yet purged included
	 */
	public int getLocalOnlyCount() {
		synchronized (this.sessions) {
			return this.sessions.localVersions();
		}
	}

	/**
	 * Return the max inactive interval of new sessions.
	 */
	Duration getDefaultMaxInactiveInterval() {
		return this.defaultMaxInactiveInterval;
	}

	/**
	 * Return the maximum number of sessions held.
	 * @return the limit
	 */
	public int getMaxSessions() {
		return this.maxSessions;
	}

	/**
	 * Return the byte budget of the sessions held.
	 * @return the budget, as estimated by {@link SessionSizeEstimator}
	 */
	public long getMaxBytes() {
		return this.maxBytes;
	}

	/**
	 * Return the estimated bytes of the sessions held, expired ones not yet purged included.
	 * @return the estimate
	 */
	public long getEstimatedBytes() {
		synchronized (this.sessions) {
			return this.sessions.bytes();
		}
	}

	/**
	 * Return how many sessions have been evicted to stay within {@link #getMaxSessions()} and
	 * {@link #getMaxBytes()}.
	 * @return the number of evictions since start
	 */
	public long getEvictionCount() {
		synchronized (this.sessions) {
			return this.sessions.evictionCount();
		}
	}

	/**
	 * Return how many of the evicted sessions held a login (evicted because logged-in sessions
	 * alone exceeded a bound).
	 * @return the number of evictions of logged-in sessions since start
	 */
	public long getEstablishedEvictionCount() {
		synchronized (this.sessions) {
			return this.sessions.establishedEvictionCount();
		}
	}

	/**
	 * Return the byte budget of the pending deletions.
	 * @return the budget
	 */
	public long getMaxPendingDeletionBytes() {
		return this.pendingDeletions.getMaxBytes();
	}

	/**
	 * Return how many deletions (logouts) this instance remembers until a remote store can be
	 * told of them.
	 * @return the number of pending deletions
	 */
	public int getPendingDeletionCount() {
		return this.pendingDeletions.size();
	}

	/**
	 * Return how many pending deletions of logged-in sessions were dropped to stay within
	 * {@link #getMaxPendingDeletionBytes()}; sessions last used before them are then taken for
	 * logged out (see {@link PendingDeletions}).
	 * @return the number of dropped pending deletions since start
	 */
	public long getDroppedPendingDeletionCount() {
		return this.pendingDeletions.forgottenCount();
	}

	/**
	 * Return the deletions remembered until a remote store can be told of them.
	 */
	PendingDeletions pendingDeletions() {
		return this.pendingDeletions;
	}

	/**
	 * Store a copy of any session.
	 * @param session the session
	 * @param previousId the id it was stored under before, removed if different from its id
	 * @param fallbackCopy whether the session lives in a remote store and this is only the copy
	 * kept in case that store loses it
	 */
	void store(Session session, @Nullable String previousId, boolean fallbackCopy) {
		store(session, previousId, fallbackCopy, null);
	}

	/**
	 * Replace what is held of a session by a fallback copy of the version a remote store holds
	 * now: for {@link SessionMigration}, after it reconciled or moved the session.
	 * @param session the session as the remote store holds it
	 * @param previousId the id it was held under here, removed if different from its id
	 * @param epoch the remote store's epoch read before the session was written there, or
	 * {@code null}
	 */
	void replaceWithFallbackCopy(Session session, String previousId, @Nullable String epoch) {
		store(session, previousId, true, epoch);
	}

	/**
	 * Store a copy of any session, replacing what is held.
	 * @param session the session
	 * @param previousId the id it was stored under before, removed if different from its id
	 * @param fallbackCopy whether the session lives in a remote store and this is only the copy
	 * kept in case that store loses it
	 * @param epoch the remote store's epoch when the copy was taken, or {@code null}
	 */
	private void store(Session session, @Nullable String previousId, boolean fallbackCopy, @Nullable String epoch) {
		MapSession copy = new MapSession(session);
		Instant now = this.clock.instant();
		synchronized (this.sessions) {
			purgeIfDue(now);
			put(previousId, new StoredSession(copy, fallbackCopy, null, epoch, false), now);
		}
	}

	/**
	 * Keep a fallback copy of a session just saved to a remote store: the session as its store's
	 * object holds it after the save is copied whole (a store that merges a save onto its newer
	 * version holds the merged session there, with the changes other instances made meanwhile),
	 * unless the copy held is newer than the version the request loaded: another request of the
	 * session saved here since, and its changes are kept by applying this request's changes onto
	 * the copy held. A local version holding changes made while the remote store failed is left
	 * alone: it is reconciled on the session's next look-up.
	 * @param session the session saved
	 * @param previousId the id it was saved under before
	 * @param epoch the remote store's epoch, or {@code null} if unknown
	 */
	void storeFallbackCopy(SwitchableSession session, String previousId, @Nullable String epoch) {
		Instant now = this.clock.instant();
		synchronized (this.sessions) {
			purgeIfDue(now);
			StoredSession held = held(previousId, now);
			if (held != null && !held.fallbackCopy()) {
				return;
			}
			boolean savedHereSinceLoaded = held != null && SessionVersions.of(held.session()) > session.getLoadedVersion();
			MapSession copy = savedHereSinceLoaded ? withChanges(held.session(), session) : new MapSession(session.getDelegate());
			put(previousId, new StoredSession(copy, true, null, epoch, false), now);
		}
	}

	/**
	 * Save the changes of a session served locally (no remote store active, or it failed).
	 * <ul>
	 * <li>a new session, or one the remote store refused (too large), is stored whole, as created
	 * here: it is moved into the remote store when it can be;</li>
	 * <li>changes are applied onto the local version held, if any;</li>
	 * <li>a session found in a remote store, of which only a fallback copy (or nothing) is held, is
	 * stored whole, remembering the version it had in the remote store;</li>
	 * <li>a session found locally that is no longer held (deleted, expired or evicted) is not
	 * stored: it would come back from the dead;</li>
	 * <li>a session whose id this save changes (a login) is held as created here: the remote store
	 * has never had it under that id, so it is moved there, not taken for one deleted on purpose.</li>
	 * </ul>
	 * @param session the session to save
	 * @param previousId the id it was found or last saved under
	 * @param epoch the active remote store's epoch, or {@code null}
	 * @return {@code false} if the session was refused because it no longer exists
	 */
	boolean storeLocalVersion(SwitchableSession session, String previousId, @Nullable String epoch) {
		Instant now = this.clock.instant();
		synchronized (this.sessions) {
			purgeIfDue(now);
			StoredSession held = held(previousId, now);
			StoredSession stored;
			if (session.isNew() || session.isRefusedByStore()) {
				boolean onLocalVersion = held != null && !held.fallbackCopy();
				Long base = onLocalVersion ? held.baseVersion() : null;
				LocalChanges changes = onLocalVersion ? held.changes().plus(session, held.session())
						: session.isNew() ? LocalChanges.NONE
								: LocalChanges.NONE.plus(session, loadedVersionHeld(held, session));
				stored = new StoredSession(onLocalVersion ? withChanges(held.session(), session)
						: new MapSession(session.getDelegate()), false, session.isRefusedByStore() ? null : base, epoch,
						false, changes);
			}
			else if (held != null && !held.fallbackCopy()) {
				stored = new StoredSession(withChanges(held.session(), session), false, held.baseVersion(),
						held.epoch(), false, held.changes().plus(session, held.session()));
			}
			else if (session.isLoadedFromRemote()) {
				stored = new StoredSession(new MapSession(session.getDelegate()), false, session.getLoadedVersion(),
						(held != null) ? held.epoch() : epoch, false, LocalChanges.NONE.plus(session, loadedVersionHeld(held, session)));
			}
			else if (held != null) {
				stored = new StoredSession(withChanges(held.session(), session), false,
						SessionVersions.of(held.session()), held.epoch(), false, LocalChanges.NONE.plus(session, held.session()));
			}
			else {
				return false;
			}
			if (!previousId.equals(session.getId())) {
				stored = new StoredSession(stored.session(), false, null, stored.epoch(), false);
			}
			boolean localOnly = !session.isLoadedFromRemote() && !session.isRefusedByStore()
					&& (held == null || held.localOnly());
			put(previousId, new StoredSession(stored.session(), false, stored.baseVersion(), stored.epoch(), localOnly,
					stored.changes()), now);
			return true;
		}
	}

	/**
	 * Return the fallback copy held of a session loaded from a remote store if it is the version
	 * the request loaded (the values the request's changes replaced), else {@code null}.
	 */
	private static @Nullable MapSession loadedVersionHeld(@Nullable StoredSession held, SwitchableSession session) {
		return (held != null && held.fallbackCopy() && SessionVersions.of(held.session()) == session.getLoadedVersion())
				? held.session() : null;
	}

	private @Nullable StoredSession held(String id, Instant now) {
		StoredSession held = this.sessions.get(id);
		return (held != null && !isExpired(held.session(), now)) ? held : null;
	}

	private void put(@Nullable String previousId, StoredSession stored, Instant now) {
		this.sessions.put(previousId, stored, now);
	}

	/**
	 * Return a copy of a held session with the changes of a session applied: attributes set and
	 * removed, max inactive interval, the later last access time, the id, and the version raised.
	 */
	private static MapSession withChanges(MapSession held, SwitchableSession session) {
		MapSession copy = new MapSession(held);
		session.getChangedAttributes().forEach(copy::setAttribute);
		if (session.isMaxInactiveIntervalChanged()) {
			copy.setMaxInactiveInterval(session.getMaxInactiveInterval());
		}
		if (session.getLastAccessedTime().isAfter(copy.getLastAccessedTime())) {
			copy.setLastAccessedTime(session.getLastAccessedTime());
		}
		copy.setId(session.getId());
		if (session.hasChangesBeyondLastAccess()) {
			copy.setAttribute(SessionVersions.ATTRIBUTE, SessionVersions.of(held) + 1);
		}
		return copy;
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
		return new StoredSession(copy, stored.fallbackCopy(), stored.baseVersion(), stored.epoch(), stored.localOnly(),
				stored.changes());
	}

	/**
	 * Tell, without copying the session, whether a session that has not expired is held and
	 * whether it is a fallback copy.
	 * @param id the session id
	 * @return {@code null} if nothing is held, otherwise whether it is a fallback copy
	 */
	@Nullable Boolean peekFallbackCopy(String id) {
		Instant now = this.clock.instant();
		synchronized (this.sessions) {
			purgeIfDue(now);
			StoredSession stored = held(id, now);
			return (stored != null) ? stored.fallbackCopy() : null;
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
		int purged = this.sessions.removeIf((stored) -> isExpired(stored.session(), now));
		this.nextPurge = now.plus(this.purgeInterval);
		if (purged > 0 && logger.isDebugEnabled()) {
			logger.debug("Purged " + purged + " expired sessions from the local session store");
		}
		return purged;
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
	 * @param baseVersion for a local version of a session that was in a remote store, the version
	 * it had there when it was taken; {@code null} for a fallback copy or a session created locally
	 * @param epoch the remote store's epoch when the session was last known there, or {@code null}
	 * @param localOnly whether the session was created in this local store and never offered to a
	 * remote store under its id (no save or move of it was attempted): no remote store can hold it,
	 * so its deletion needs no pending deletion
	 */
	record StoredSession(MapSession session, boolean fallbackCopy, @Nullable Long baseVersion,
			@Nullable String epoch, boolean localOnly, LocalChanges changes) {

		StoredSession(MapSession session, boolean fallbackCopy, @Nullable Long baseVersion, @Nullable String epoch,
				boolean localOnly) {
			this(session, fallbackCopy, baseVersion, epoch, localOnly, LocalChanges.NONE);
		}

	}

}
