/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.dynamicbean.session.LocalSessionRepository.StoredSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.MapSession;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.util.Assert;

/**
 * A {@link SessionRepository} that works from start-up whatever the shared session store does:
 * it serves from a {@link LocalSessionRepository} until a remote store (memcached, Redis, JDBC,
 * typically produced by a dynamic bean generator) is {@link #switchTo(String, SessionRepository)
 * switched in}, and falls back to the local store whenever the remote store throws. Spring
 * Session's {@code SessionRepositoryFilter} keeps one repository for life; this is that one.
 *
 * <p>While a remote store is active:
 * <ul>
 * <li>{@link #createSession()}, {@link #findById(String)} and {@link #save(Session)} go to the
 * remote store, and every save also writes a fallback copy to the local store, so that a remote
 * store that dies or restarts empty loses no session that this instance has served;</li>
 * <li>a session the remote store does not know but the local store holds is moved into the remote
 * store on its next request if it was created during an outage, or if the store demonstrably lost
 * data since the copy was taken (see {@link StoreEpochs}); a session deleted from the store on
 * purpose (a logout through any instance) is never brought back by a local copy. Moved sessions
 * keep their ids when the remote store is configured with {@link #getSessionIdGenerator()};</li>
 * <li>a session changed locally while the remote store was failing (or refused it) brings its
 * changes into the store when the store is switched in again, or, while it stays switched in,
 * after the first call that finds it answering again, once that call's own session is served (or
 * on its next request, if that comes first): only the attributes changed here are applied onto the
 * remote store's version, so that changes made meanwhile through other instances are kept; an
 * attribute changed on both sides keeps the value of the side that changed the session more often,
 * by a version counter the front keeps in every session ({@link SessionVersions}), never by last
 * access times;</li>
 * <li>a store that refuses to save a session because it was deleted meanwhile
 * ({@link SessionInvalidatedException}, or Spring Session's {@code IllegalStateException("Session
 * was invalidated")}) ends the session: its changes are dropped, no copy is kept, and the request
 * continues without an error;</li>
 * <li>a remote exception never reaches the request: the call is served from the local store and
 * the failure is recorded in the {@link StoreFailureTracker}, which tells its listeners (the
 * {@link RemoteStoreFailureMonitor}, metrics, the
 * {@link #setRemoteFailureHandler(RemoteStoreFailureHandler) failure handler}). What an exception
 * means is decided by {@link StoreExceptionKind}. This class adds no
 * waiting: a call takes at most the remote store's own timeout. A store's refusal of one session
 * ({@link SessionStoreRefusal}: too large, not serializable, too many concurrent writers) is served
 * the same way but is not a failure of the store: the handler and listener are not told; nor are
 * they when the store cannot tell whether it holds a session ({@link SessionStoreUncertainty}):
 * a session created locally is then moved into it, any other served from the local store;</li>
 * </ul>
 *
 * <p>Sessions are returned as {@link SwitchableSession}s that remember their store: a session is
 * saved back to the store it came from, or to the local store if that store has been switched out
 * since. Changed ids and deletions are applied to both stores. The local store applies only what a
 * request changed onto the copy it holds, so concurrent requests of one session keep each other's
 * changes there too.
 *
 * <p>Within a {@link SessionRequestScope} (opened for every HTTP request by the web layer's
 * {@code SwitchableSessionRequestFilter}, which the auto-configuration registers), the repository
 * remembers what it loaded, created and saved for the current request: Spring Session's second
 * commit of a request costs no round trip, and {@link #storeOf(SessionRequestScope, String)} needs
 * none. Nothing is remembered beyond the request. This class knows nothing of servlets: requests,
 * cookies and redirects belong to {@code io.dynamicbean.session.web}.
 *
 * <p>Sessions are found by principal name ({@link FindByIndexNameSessionRepository}) in every
 * store: the remote store holds one index entry per principal (see
 * {@link #findByIndexNameAndIndexValue(String, String)}); the local store is searched.
 *
 * <p>Not supported: session events (no {@code SessionCreatedEvent} or
 * {@code SessionDestroyedEvent}, so no {@code HttpSessionListener} calls). Thread-safe.
 */
public class SwitchableSessionRepository implements FindByIndexNameSessionRepository<Session> {

	/**
	 * The store name of the local store.
	 */
	public static final String LOCAL_STORE_NAME = "local";

	/**
	 * The id of the one marker session the front keeps in every remote store to tell a session
	 * deleted on purpose from one the store lost (see {@link #setRestoreFallbackCopies(boolean)}):
	 * an {@link SessionIds#isInternal(String) internal} id, which no request can name.
	 */
	public static final String EPOCH_MARKER_SESSION_ID = StoreEpochs.MARKER_ID;

	private static final Log logger = LogFactory.getLog(SwitchableSessionRepository.class);

	private final LocalSessionRepository local;

	private final PreservingSessionIdGenerator sessionIdGenerator;

	private final AtomicReference<@Nullable RemoteStore> remote = new AtomicReference<>();

	private final SessionLocks sessionLocks = new SessionLocks();

	private final StoreEpochs epochs;

	private final PendingDeletions pendingDeletions;

	private final PrincipalIndexing indexing;

	private final StoreFailureTracker failures;

	private volatile @Nullable RemoteStoreListener remoteFailureHandler;

	private volatile @Nullable RemoteStoreListener remoteStoreListener;

	private final RemoteStoreGuard guard;

	private final SessionMigration migration;

	/** Whether the active store answered again after failing: the local changes are brought into it. */
	private final AtomicBoolean localVersionsDue = new AtomicBoolean();

	/**
	 * Create a repository serving from the given local store, with a
	 * {@link PreservingSessionIdGenerator} delegating to UUIDs.
	 * @param local the local store, not {@code null}
	 */
	public SwitchableSessionRepository(LocalSessionRepository local) {
		this(local, new PreservingSessionIdGenerator());
	}

	/**
	 * Create a repository serving from the given local store.
	 * @param local the local store, not {@code null}
	 * @param sessionIdGenerator the generator that remote stores must be configured with to keep
	 * the ids of migrated sessions, not {@code null}
	 */
	public SwitchableSessionRepository(LocalSessionRepository local, PreservingSessionIdGenerator sessionIdGenerator) {
		this(local, sessionIdGenerator, new StoreFailureTracker());
	}

	/**
	 * Create a repository serving from the given local store, recording the outcome of its remote
	 * calls in the given tracker (shared with the security-context front, so that one record says
	 * whether a store answers).
	 * @param local the local store, not {@code null}
	 * @param sessionIdGenerator the generator that remote stores must be configured with to keep
	 * the ids of migrated sessions, not {@code null}
	 * @param failures the failure tracker, not {@code null}
	 */
	public SwitchableSessionRepository(LocalSessionRepository local, PreservingSessionIdGenerator sessionIdGenerator,
			StoreFailureTracker failures) {
		Assert.notNull(local, "local must not be null");
		Assert.notNull(sessionIdGenerator, "sessionIdGenerator must not be null");
		Assert.notNull(failures, "failures must not be null");
		String sample = sessionIdGenerator.getDelegate().generate();
		Assert.isTrue(SessionIds.isWellFormed(sample), () -> "The session id generator "
				+ sessionIdGenerator.getDelegate().getClass().getName() + " made '" + sample + "', which is not a "
				+ "well-formed session id: make ids of " + SessionIds.MIN_LENGTH + " to " + SessionIds.MAX_LENGTH
				+ " letters, digits, '-' or '_' (a UUID qualifies)");
		this.local = local;
		this.sessionIdGenerator = sessionIdGenerator;
		this.epochs = new StoreEpochs(sessionIdGenerator);
		this.pendingDeletions = local.pendingDeletions();
		this.indexing = new PrincipalIndexing(new PrincipalIndex(sessionIdGenerator));
		this.failures = failures;
		this.guard = new RemoteStoreGuard(failures);
		this.migration = new SessionMigration(local, this.epochs, sessionIdGenerator, this.indexing, this.guard);
		failures.addListener(new DeletePendingWhenAnsweringAgain());
	}

	/**
	 * From now on, create, find and save sessions in the given remote store. Sessions held only
	 * locally move there on their next request. Configure the remote store with
	 * {@link #getSessionIdGenerator()} first so that they keep their ids.
	 * @param storeName the name of the store for logs and {@link #storeOf(Session)}, such as
	 * {@code memcached}, {@code redis} or {@code jdbc}; not empty, not {@value #LOCAL_STORE_NAME}
	 * @param remote the remote store, not {@code null}
	 */
	public void switchTo(String storeName, SessionRepository<? extends Session> remote) {
		Assert.hasText(storeName, "storeName must not be empty");
		Assert.isTrue(!LOCAL_STORE_NAME.equals(storeName),
				() -> "storeName '" + LOCAL_STORE_NAME + "' is reserved for the local store: name the remote store");
		Assert.notNull(remote, "remote must not be null");
		Assert.isTrue(!(remote instanceof SwitchableSessionRepository) && remote != this.local,
				"remote must be the remote store itself, not a SwitchableSessionRepository or its local store");
		RemoteStore store = new RemoteStore(storeName, remote);
		readEpoch(store);
		deletePending(store);
		RemoteStore previous = this.remote.getAndSet(store);
		logger.info("Sessions are now kept in " + store + "; sessions held only in the local store move there "
				+ "on their next request");
		if (previous != null) {
			this.failures.switchedOut(previous.name());
		}
		this.failures.switchedIn(storeName);
		bringLocalChanges(store);
	}

	/**
	 * Bring into a store the changes this instance made to its sessions while the store did not
	 * answer, until a look-up fails: the other instances then read them at once, not only after
	 * the session's next request here. Each session is handled under its lock, as its own request
	 * would: only the attributes changed here are applied onto the store's version, and the local
	 * version is replaced by a fallback copy only once it is in the store. Sessions created here,
	 * or that the store no longer holds, move on their next request.
	 */
	private void bringLocalChanges(RemoteStore store) {
		List<String> ids = this.local.idsOfLocalChanges();
		int brought = 0;
		for (String id : ids) {
			if (this.remote.get() != store) {
				return;
			}
			RuntimeException lookUpFailure = bringLocalChangesOf(store, id);
			if (lookUpFailure != null) {
				if (this.guard.lookUpFailed(store, lookUpFailure) == StoreExceptionKind.UNCERTAINTY) {
					continue;
				}
				logger.debug("Could not yet bring " + (ids.size() - brought) + " sessions served locally into " + store
						+ "; each moves on its next request", lookUpFailure);
				return;
			}
			brought++;
		}
		if (brought > 0) {
			logger.info("Brought the changes made here to " + brought + " sessions while " + store
					+ " did not answer into it");
		}
	}

	/**
	 * From now on, serve every session from the local store. Does nothing if no remote store is
	 * active.
	 */
	public void switchToLocal() {
		RemoteStore previous = this.remote.getAndSet(null);
		if (previous != null) {
			logSwitchedToLocal(previous);
		}
	}

	/**
	 * Switch to the local store if, and only if, the given repository is the active remote
	 * store; for example when its bean is being destroyed.
	 * @param remote a remote store
	 * @return whether the repository was active and has been switched out
	 */
	public boolean switchToLocalIfActive(SessionRepository<? extends Session> remote) {
		RemoteStore current = this.remote.get();
		if (current != null && current.repository() == remote && this.remote.compareAndSet(current, null)) {
			logSwitchedToLocal(current);
			return true;
		}
		return false;
	}

	private void readEpoch(RemoteStore store) {
		try {
			this.epochs.refresh(store);
		}
		catch (RuntimeException ex) {
			logger.debug("Could not read the epoch of session store " + store + "; read again when needed", ex);
		}
	}

	/**
	 * Delete from a store the sessions deleted while it could not be told, until one fails.
	 */
	private void deletePending(RemoteStore store) {
		for (String id : this.pendingDeletions.ids()) {
			try {
				store.repository().deleteById(id);
			}
			catch (RuntimeException ex) {
				logger.debug("Could not yet delete session " + SessionIds.abbreviate(id) + " from " + store, ex);
				return;
			}
			this.pendingDeletions.told(id);
		}
	}

	private void logSwitchedToLocal(RemoteStore previous) {
		logger.warn("Session store " + previous + " switched out: sessions are served from the local store ("
				+ this.local.size() + " held, " + this.local.getLocalOnlyCount() + " of them only here) until a "
				+ "remote store is switched in again");
		this.failures.switchedOut(previous.name());
	}

	/**
	 * Return whether a remote store is active.
	 * @return {@code true} between {@link #switchTo(String, SessionRepository)} and
	 * {@link #switchToLocal()}
	 */
	public boolean isRemoteActive() {
		return this.remote.get() != null;
	}

	/**
	 * Return the name of the store new sessions go to.
	 * @return the active remote store's name, or {@value #LOCAL_STORE_NAME}
	 */
	public String getActiveStoreName() {
		RemoteStore store = this.remote.get();
		return (store != null) ? store.name() : LOCAL_STORE_NAME;
	}

	/**
	 * Return where a session returned by this repository lives now: the name of its remote store
	 * if that store is still active, otherwise {@value #LOCAL_STORE_NAME}.
	 * @param session a session returned by this repository
	 * @return the store name
	 */
	public String storeOf(Session session) {
		Assert.isInstanceOf(SwitchableSession.class, session,
				"storeOf takes a session returned by this SwitchableSessionRepository");
		RemoteStore store = ((SwitchableSession) session).getRemoteStore();
		return (store != null && store == this.remote.get()) ? store.name() : LOCAL_STORE_NAME;
	}

	/**
	 * Return where the session with the given id lives now, from what this repository loaded,
	 * created or saved within a request's scope: no round trip to any store. The web layer's
	 * {@code RequestSessions.storeOf(repository, request)} answers this for an HTTP request.
	 * @param scope the scope of the request, not {@code null}
	 * @param sessionId the id of the request's session, not {@code null}
	 * @return the store name as for {@link #storeOf(Session)}
	 * @throws IllegalStateException if the session did not come from this repository within that
	 * scope
	 */
	public String storeOf(SessionRequestScope scope, String sessionId) {
		Assert.notNull(scope, "scope must not be null");
		Assert.notNull(sessionId, "sessionId must not be null");
		SwitchableSession session = scope.sessionWithId(sessionId);
		if (session == null) {
			throw new IllegalStateException("The session of this request did not come from this "
					+ "SwitchableSessionRepository within a SessionRequestScope: register a "
					+ "SwitchableSessionRequestFilter (order just before Spring Session's filter) for every "
					+ "request, as the dynamic-bean-session auto-configuration does");
		}
		return storeOf(session);
	}

	/**
	 * Return the id generator that remote stores must be configured with (through their
	 * {@code setSessionIdGenerator}) so that sessions moved into them keep their ids.
	 * @return the generator
	 */
	public PreservingSessionIdGenerator getSessionIdGenerator() {
		return this.sessionIdGenerator;
	}

	/**
	 * Return the local store.
	 * @return the local store
	 */
	public LocalSessionRepository getLocalSessionRepository() {
		return this.local;
	}

	/**
	 * Set the handler told of every exception thrown by the remote store. If it also implements
	 * {@link RemoteStoreListener}, it is told of successes too.
	 * @param remoteFailureHandler the handler, or {@code null} for none (the default)
	 */
	public void setRemoteFailureHandler(@Nullable RemoteStoreFailureHandler remoteFailureHandler) {
		this.remoteFailureHandler = replaceListener(this.remoteFailureHandler,
				(remoteFailureHandler instanceof RemoteStoreListener listener) ? listener
						: (remoteFailureHandler != null) ? new FailureHandlerListener(remoteFailureHandler) : null);
	}

	/**
	 * Set the listener told of the outcome of every call to the remote store; called in addition
	 * to the {@link #setRemoteFailureHandler(RemoteStoreFailureHandler) failure handler}.
	 * @param remoteStoreListener the listener, or {@code null} for none (the default)
	 */
	public void setRemoteStoreListener(@Nullable RemoteStoreListener remoteStoreListener) {
		this.remoteStoreListener = replaceListener(this.remoteStoreListener, remoteStoreListener);
	}

	private @Nullable RemoteStoreListener replaceListener(@Nullable RemoteStoreListener previous,
			@Nullable RemoteStoreListener next) {
		if (previous != null) {
			this.failures.removeListener(previous);
		}
		if (next != null) {
			this.failures.addListener(next);
		}
		return next;
	}

	/**
	 * Add a listener told of the outcome of every call to the remote store and of every switch;
	 * for example the session store metrics. Same as adding it to the
	 * {@link #getFailureTracker() failure tracker}: listeners are called in the order added.
	 * @param listener the listener, not {@code null}
	 */
	public void addRemoteStoreListener(RemoteStoreListener listener) {
		this.failures.addListener(listener);
	}

	/**
	 * Return the tracker that records whether each remote store answers.
	 * @return the tracker
	 */
	public StoreFailureTracker getFailureTracker() {
		return this.failures;
	}

	/**
	 * Set whether a session that the remote store has lost, but of which this instance holds a
	 * fallback copy, is restored into the remote store. With {@code true} (the default) no login
	 * is lost when the remote store restarts empty. A copy is restored only when the store
	 * demonstrably lost data since the copy was taken (its epoch marker is gone or new, see
	 * {@link StoreEpochs}), never because a session was deleted on purpose; what remains is a
	 * session deleted (through another instance) before the store lost its data, whose copy this
	 * instance still holds: it comes back if its old id is presented here before the copy expires.
	 * With {@code false} fallback copies are never restored, which closes that window; sessions
	 * created or changed here while the remote store was unavailable are still moved into it.
	 * @param restoreFallbackCopies whether to restore fallback copies
	 */
	public void setRestoreFallbackCopies(boolean restoreFallbackCopies) {
		this.migration.setRestoreFallbackCopies(restoreFallbackCopies);
	}

	/**
	 * Return whether sessions lost by the remote store are restored from fallback copies.
	 * @return whether fallback copies are restored
	 * @see #setRestoreFallbackCopies(boolean)
	 */
	public boolean isRestoreFallbackCopies() {
		return this.migration.isRestoreFallbackCopies();
	}

	/**
	 * Create a session in the active remote store, or in the local store if none is active or
	 * the remote store throws. Not stored until {@link #save(Session) saved}.
	 */
	@Override
	public SwitchableSession createSession() {
		RemoteStore store = this.remote.get();
		SwitchableSession session = null;
		if (store != null) {
			Session created = this.guard.call(store, "createSession", store.repository()::createSession, (ex) -> null);
			if (created != null) {
				session = new SwitchableSession(created, store, true);
			}
		}
		if (session == null) {
			session = new SwitchableSession(this.local.createSession(), null, true);
		}
		SessionRequestScope request = SessionRequestScope.current();
		if (request != null) {
			request.created(session, store);
		}
		return session;
	}

	/**
	 * Save a session to the store it came from and, for a remote store, a fallback copy to the
	 * local store; to the local store alone if its remote store has been switched out since or
	 * throws. A session that did not come from this repository is saved to the local store.
	 * Within a {@link SessionRequestScope}, a session already saved during the request
	 * and not changed since is not saved again.
	 */
	@Override
	public void save(Session session) {
		Assert.notNull(session, "session must not be null");
		if (!(session instanceof SwitchableSession switchable)) {
			this.local.store(session, null, false);
			return;
		}
		SessionRequestScope request = SessionRequestScope.current();
		RemoteStore active = this.remote.get();
		if (switchable.isInvalidated() || (request != null && request.isSavedAndUnchanged(switchable, active))) {
			return;
		}
		String previousId = switchable.getSavedId();
		boolean changed = switchable.isNew() || switchable.hasChangesBeyondLastAccess();
		boolean mayChangePrincipal = PrincipalIndexing.mayChangePrincipal(switchable);
		boolean stored = saveToItsStore(switchable);
		RemoteStore savedTo = switchable.getRemoteStore();
		if (stored && mayChangePrincipal && savedTo != null && savedTo == this.remote.get()) {
			this.indexing.saved(savedTo, switchable, previousId);
		}
		if (request != null) {
			if (stored) {
				request.saved(switchable, previousId, active);
				request.saved(onSharedStoreFor(switchable), changed);
			}
			else {
				request.deleted(previousId, active);
				request.deleted(switchable.getId(), active);
			}
		}
		bringLocalChangesIfDue();
	}

	/**
	 * Return {@code null} if a session lives only in the local store, otherwise how long its store
	 * has been switched in.
	 */
	private @Nullable Duration onSharedStoreFor(SwitchableSession session) {
		RemoteStore store = session.getRemoteStore();
		return (store != null && store == this.remote.get()) ? store.activeFor() : null;
	}

	/**
	 * Save a session where it belongs.
	 * @return {@code false} if a store refused it because it was deleted meanwhile
	 */
	private boolean saveToItsStore(SwitchableSession switchable) {
		RemoteStore store = switchable.getRemoteStore();
		if (this.pendingDeletions.contains(switchable.getSavedId())
				|| this.pendingDeletions.toldRecently(switchable.getSavedId())) {
			endSession(switchable, store);
			return false;
		}
		if (store != null && store == this.remote.get()) {
			String previousId = switchable.getSavedId();
			switchable.raiseVersionIfChanged();
			String epoch = this.epochs.copyEpoch(store, switchable.getId());
			try {
				if (this.guard.call(store, "save", () -> saveRemotely(store, switchable), (ex) -> notSaved(switchable, ex))) {
					this.local.storeFallbackCopy(switchable, previousId, epoch);
					switchable.saved();
					return true;
				}
			}
			catch (RuntimeException ex) {
				if (StoreExceptionKind.of(ex) != StoreExceptionKind.INVALIDATION) {
					throw ex;
				}
				endSession(switchable, store);
				return false;
			}
			switchable.movedToLocal();
			return saveLocally(switchable);
		}
		// counted as a change, as the remote path counts it, so that a local version taken whole from
		// the session is not older than a change made once elsewhere
		switchable.raiseVersionIfChanged();
		boolean stored = saveLocally(switchable);
		RemoteStore active = this.remote.get();
		if (stored && active != null) {
			RuntimeException lookUpFailure = bringLocalChangesOf(active, switchable.getId());
			if (lookUpFailure != null) {
				this.guard.lookUpFailed(active, lookUpFailure);
			}
		}
		return stored;
	}

	/**
	 * Bring the changes of a session held as a local version into a store, under the session's
	 * lock, as its next request would: at switch-in, once the store answers again, or for a request
	 * in flight over the switch-in.
	 * @return the exception the store's look-up threw, or {@code null}
	 */
	private @Nullable RuntimeException bringLocalChangesOf(RemoteStore store, String id) {
		return this.sessionLocks.withLock(id, () -> this.migration.bringLocalChanges(store, id));
	}

	private static Boolean saveRemotely(RemoteStore store, SwitchableSession session) {
		store.repository().save(session.getDelegate());
		return Boolean.TRUE;
	}

	private static Boolean notSaved(SwitchableSession session, RuntimeException ex) {
		if (StoreExceptionKind.of(ex) == StoreExceptionKind.REFUSAL) {
			session.refusedByStore();
		}
		return Boolean.FALSE;
	}

	/**
	 * Save a session to the local store, under the session's lock: a local version being brought
	 * into the store meanwhile ({@link SessionMigration}) is replaced by its fallback copy only once
	 * it is in the store, so a change saved here waits, and is kept as a local version of that copy.
	 */
	private boolean saveLocally(SwitchableSession session) {
		return this.sessionLocks.withLock(session.getSavedId(), () -> saveLocallyLocked(session));
	}

	private boolean saveLocallyLocked(SwitchableSession session) {
		String savedId = session.getSavedId();
		RemoteStore store = this.remote.get();
		boolean idChanged = !savedId.equals(session.getId());
		boolean mayBeInRemoteStore = store != null || session.isLoadedFromRemote()
				|| (idChanged && heldOnceInRemoteStore(savedId));
		if (!this.local.storeLocalVersion(session, savedId,
				(store != null) ? this.epochs.copyEpoch(store, session.getId()) : null)) {
			endSession(session, null);
			return false;
		}
		if (idChanged) {
			boolean deleted = store != null && deleteRemotely(store, savedId);
			if (!deleted && mayBeInRemoteStore) {
				this.pendingDeletions.add(savedId, session.getMaxInactiveInterval());
			}
		}
		session.saved();
		return true;
	}

	/**
	 * Tell whether the local store holds a session that a remote store may hold too (a fallback
	 * copy, or a version once offered to a store): retiring its id needs a pending deletion.
	 */
	private boolean heldOnceInRemoteStore(String id) {
		StoredSession held = this.local.findStored(id);
		return held != null && !held.localOnly();
	}

	/**
	 * A store refused to save a session because it no longer exists there: it was deleted (a
	 * logout, through any instance) while this request held it. Its changes are dropped and no
	 * local copy of it is kept.
	 */
	private void endSession(SwitchableSession session, @Nullable RemoteStore store) {
		String savedId = session.getSavedId();
		this.local.deleteById(savedId);
		this.local.deleteById(session.getId());
		session.invalidated();
		if (logger.isDebugEnabled()) {
			logger.debug("Session " + SessionIds.abbreviate(savedId) + " was deleted while a request held it; "
					+ "its changes are dropped (" + ((store != null) ? "refused by '" + store.name() + "'"
							: "no longer in the local store") + ")");
		}
	}

	/**
	 * Find the sessions of a principal, for {@link #PRINCIPAL_NAME_INDEX_NAME} (any other index
	 * name finds none). With a remote store active, the members of the principal's index entry in
	 * that store are looked up like any session (one round trip for the entry, one per member);
	 * members whose session is gone, or now holds another principal, are pruned from the entry.
	 * Sessions this instance created or changed locally (during an outage) are added, moving them
	 * into the store, which indexes them there. With no remote store, or while it fails, the local
	 * store's sessions are searched. The principal is resolved as Spring Session does: the
	 * {@link #PRINCIPAL_NAME_INDEX_NAME} attribute, else the name of Spring Security's
	 * authentication.
	 * @param indexName the index name
	 * @param indexValue the principal name: any string
	 * @return the sessions by id, possibly empty
	 */
	@Override
	public Map<String, Session> findByIndexNameAndIndexValue(String indexName, String indexValue) {
		if (!PRINCIPAL_NAME_INDEX_NAME.equals(indexName) || indexValue == null) {
			return Map.of();
		}
		Map<String, Session> found = new LinkedHashMap<>();
		for (IndexedSession indexed : indexedSessions(indexValue, null)) {
			if (indexed.session() != null) {
				found.put(indexed.sessionId(), indexed.session());
			}
		}
		return found;
	}

	/**
	 * Add a session to its principal's index entry in the remote store, then read the entry back:
	 * the admission step of concurrent-session control. Every store merges concurrent additions,
	 * so of two logins indexed at the same moment on two instances, the one that reads last sees
	 * both. With no remote store active, only this instance's sessions are known.
	 * @param principalName the principal name, not {@code null}
	 * @param sessionId the id of the session logging in, which may not be saved yet
	 * @return the principal's sessions, the one given included (in flight if not saved yet)
	 */
	public List<IndexedSession> indexSession(String principalName, String sessionId) {
		Assert.notNull(principalName, "principalName must not be null");
		Assert.isTrue(SessionIds.isWellFormed(sessionId), "sessionId must be a well-formed session id");
		RemoteStore store = this.remote.get();
		if (store != null) {
			this.indexing.add(store, principalName, sessionId);
		}
		List<IndexedSession> sessions = new ArrayList<>(indexedSessions(principalName, sessionId));
		if (sessions.stream().noneMatch((indexed) -> indexed.sessionId().equals(sessionId))) {
			sessions.add(new IndexedSession(sessionId, this.indexing.index().now(), null));
		}
		return sessions;
	}

	/**
	 * Take sessions out of their principal's index entry in the remote store (sessions expired by
	 * concurrent-session control, a login refused after it was indexed). Does nothing with no
	 * remote store active; a failure is logged.
	 * @param principalName the principal name, not {@code null}
	 * @param sessionIds the session ids, not {@code null}
	 */
	public void unindexSessions(String principalName, Collection<String> sessionIds) {
		Assert.notNull(principalName, "principalName must not be null");
		Assert.notNull(sessionIds, "sessionIds must not be null");
		RemoteStore store = this.remote.get();
		if (store != null) {
			this.indexing.remove(store, principalName, sessionIds);
		}
	}

	/**
	 * Set the most sessions one principal's index entry holds; beyond it the sessions indexed
	 * longest ago are dropped from the entry (they stay valid, but are no longer found by principal
	 * name). Keeps an entry well under a memcached item.
	 * @param maxIndexedSessions at least 1; 1,000 by default
	 */
	public void setMaxIndexedSessionsPerPrincipal(int maxIndexedSessions) {
		Assert.isTrue(maxIndexedSessions > 0, () -> "maxIndexedSessions must be at least 1, got " + maxIndexedSessions);
		this.indexing.index().setMaxMembers(maxIndexedSessions);
	}

	/**
	 * Look up the sessions of a principal's entry, pruning it, and this instance's own local
	 * versions; the session of a login being admitted is not looked up (not saved yet).
	 */
	private List<IndexedSession> indexedSessions(String principalName, @Nullable String admittedId) {
		Map<String, IndexedSession> sessions = new LinkedHashMap<>();
		RemoteStore store = this.remote.get();
		Map<String, Instant> members = (store != null) ? this.indexing.members(store, principalName) : null;
		if (members != null) {
			List<String> gone = new ArrayList<>();
			members.forEach((id, indexedAt) -> {
				SwitchableSession session = id.equals(admittedId) ? null : findById(id);
				if (session != null && principalName.equals(PrincipalIndexing.principalOf(session))) {
					sessions.put(id, new IndexedSession(id, indexedAt, session));
				}
				else if (session == null && this.indexing.inFlight(indexedAt)) {
					sessions.put(id, new IndexedSession(id, indexedAt, null));
				}
				else {
					gone.add(id);
				}
			});
			this.indexing.remove(store, principalName, gone);
		}
		for (MapSession held : this.local.loggedInSessions(members != null)) {
			if (!sessions.containsKey(held.getId()) && principalName.equals(PrincipalIndexing.principalOf(held))) {
				SwitchableSession session = findById(held.getId());
				if (session != null && principalName.equals(PrincipalIndexing.principalOf(session))) {
					sessions.put(session.getId(), new IndexedSession(session.getId(), held.getCreationTime(), session));
				}
			}
		}
		return List.copyOf(sessions.values());
	}

	/**
	 * Find a session in the active remote store, moving it there from the local store if only the
	 * local store holds it or holds a newer version written while the remote store was failing;
	 * in the local store if no remote store is active or it throws. Within a
	 * {@link SessionRequestScope}, a session this request already found or saved is
	 * answered from memory: the same session object, with the request's changes. An id that is
	 * not {@link SessionIds#isWellFormed(String) well-formed} (forged, or naming one of the front's
	 * own records) finds no session, and no store is asked.
	 */
	@Override
	public @Nullable SwitchableSession findById(String id) {
		if (!SessionIds.isWellFormed(id)) {
			return null;
		}
		SessionRequestScope request = SessionRequestScope.current();
		if (request == null) {
			SwitchableSession found = lookUp(id);
			bringLocalChangesIfDue();
			return found;
		}
		RemoteStore active = this.remote.get();
		SessionRequestScope.Entry known = request.lookedUp(id, active);
		if (known != null) {
			return known.session();
		}
		SwitchableSession found = lookUp(id);
		request.found(id, found, active);
		bringLocalChangesIfDue();
		return found;
	}

	/**
	 * Bring the local changes into the active store if it answered again since it failed: on the
	 * thread of the call that found it answering, once that call is done with its own session.
	 */
	private void bringLocalChangesIfDue() {
		if (this.localVersionsDue.get() && this.localVersionsDue.compareAndSet(true, false)) {
			RemoteStore store = this.remote.get();
			if (store != null) {
				bringLocalChanges(store);
			}
		}
	}

	private @Nullable SwitchableSession lookUp(String id) {
		RemoteStore store = this.remote.get();
		if (store == null) {
			beforeLocalRead();
			return fromLocal(this.local.findById(id));
		}
		boolean deletedHere = this.pendingDeletions.contains(id);
		boolean localVersionBefore = Boolean.FALSE.equals(this.local.peekFallbackCopy(id));
		Session found;
		try {
			found = store.repository().findById(id);
		}
		catch (RuntimeException ex) {
			return findFailed(store, id, ex);
		}
		this.guard.answered(store);
		Boolean fallbackCopy = this.local.peekFallbackCopy(id);
		if (deletedHere || (fallbackCopy == null && this.pendingDeletions.mayHaveForgotten(found))) {
			if (found != null) {
				deleteRemotely(store, id);
			}
			return null;
		}
		// a local version held before the read may have been brought into the store since, after the
		// read: what was read is then older than the store's version, decided again under the lock
		if (!localVersionBefore && (fallbackCopy == null || (fallbackCopy && found != null))) {
			return (found != null) ? new SwitchableSession(found, store) : null;
		}
		return this.sessionLocks.withLock(id, () -> {
			SessionMigration.Reconciled reconciled = this.migration.reconcile(store, id);
			RuntimeException lookUpFailure = reconciled.lookUpFailure();
			return (lookUpFailure != null) ? findFailed(store, id, lookUpFailure) : reconciled.session();
		});
	}

	/**
	 * Delete a session from the local store and from the active remote store. Does nothing for an
	 * id that is not {@link SessionIds#isWellFormed(String) well-formed}: no session has it.
	 */
	@Override
	public void deleteById(String id) {
		if (!SessionIds.isWellFormed(id)) {
			return;
		}
		SessionRequestScope request = SessionRequestScope.current();
		Session known = (request != null) ? request.sessionWithId(id) : null;
		if (request != null) {
			request.deleted(id, this.remote.get());
		}
		this.sessionLocks.withLock(id, () -> {
			StoredSession held = this.local.findStored(id);
			this.local.deleteById(id);
			RemoteStore store = this.remote.get();
			if (store == null || !deleteRemotely(store, id)) {
				this.pendingDeletions.add(id, held, this.local.getDefaultMaxInactiveInterval());
			}
			else {
				String principalName = PrincipalIndexing.principalOf((known != null) ? known
						: (held != null) ? held.session() : null);
				if (principalName != null) {
					this.indexing.remove(store, principalName, List.of(id));
				}
			}
			return null;
		});
	}

	/**
	 * Delete a session from a remote store.
	 * @return whether the store answered
	 */
	private boolean deleteRemotely(RemoteStore store, String id) {
		boolean deleted = this.guard.call(store, "deleteById", () -> {
			store.repository().deleteById(id);
			return Boolean.TRUE;
		}, (ex) -> Boolean.FALSE);
		if (deleted) {
			this.pendingDeletions.told(id);
		}
		return deleted;
	}

	/**
	 * The remote store threw on a look-up: serve the session from the local store, unless the
	 * request's {@link SessionRouting} sends it elsewhere; a store that only cannot tell whether it
	 * holds the session is not failing.
	 */
	private @Nullable SwitchableSession findFailed(RemoteStore store, String id, RuntimeException ex) {
		if (this.guard.lookUpFailed(store, ex) == StoreExceptionKind.UNCERTAINTY) {
			return this.sessionLocks.withLock(id, () -> {
				beforeLocalRead();
				return this.migration.notKnownToStore(store, id, ex);
			});
		}
		beforeLocalRead();
		return fromLocal(this.local.findById(id));
	}

	/**
	 * Tell the request's {@link SessionRouting} that its session is about to be served locally;
	 * the web layer's affinity may send the request to the instance that changed it last.
	 */
	private static void beforeLocalRead() {
		SessionRequestScope request = SessionRequestScope.current();
		if (request != null) {
			request.beforeLocalRead();
		}
	}

	private static @Nullable SwitchableSession fromLocal(@Nullable MapSession session) {
		return (session != null) ? new SwitchableSession(session, null) : null;
	}

	/**
	 * Tells the failure handler of failures only.
	 */
	private record FailureHandlerListener(RemoteStoreFailureHandler handler) implements RemoteStoreListener {

		@Override
		public void onFailure(String storeName, RuntimeException ex) {
			this.handler.onFailure(storeName, ex);
		}

	}

	/**
	 * Tells the active store the deletions it missed as soon as it answers again, whichever front's
	 * call saw it answer.
	 */
	private final class DeletePendingWhenAnsweringAgain implements RemoteStoreListener {

		@Override
		public void onAnsweringAgain(String storeName) {
			RemoteStore store = SwitchableSessionRepository.this.remote.get();
			if (store != null && store.name().equals(storeName)) {
				deletePending(store);
				SwitchableSessionRepository.this.localVersionsDue.set(true);
			}
		}

	}

}
