/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import io.dynamicbean.session.LocalSessionRepository.StoredSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.session.MapSession;
import org.springframework.session.Session;

/**
 * Moves sessions between this instance's local store and the active remote store: reconciles a
 * local version with the remote one, restores a fallback copy into a store that lost it (never
 * one deleted on purpose, see {@link StoreEpochs}), and moves sessions created or changed locally
 * into the store, keeping their ids. Returns what to serve to the front, which calls it under the
 * session's lock; calls the store through the {@link RemoteStoreGuard}.
 *
 * <p>The epoch recorded on a fallback copy is the one read before the write to the store: a store
 * that restarts during the write then reads as having lost data since, and the copy is restored.
 */
final class SessionMigration {

	private static final Log logger = LogFactory.getLog(SwitchableSessionRepository.class);

	private final LocalSessionRepository local;

	private final PendingDeletions pendingDeletions;

	private final StoreEpochs epochs;

	private final PreservingSessionIdGenerator sessionIdGenerator;

	private final PrincipalIndexing indexing;

	private final RemoteStoreGuard guard;

	private volatile boolean restoreFallbackCopies = true;

	SessionMigration(LocalSessionRepository local, StoreEpochs epochs, PreservingSessionIdGenerator sessionIdGenerator,
			PrincipalIndexing indexing, RemoteStoreGuard guard) {
		this.local = local;
		this.pendingDeletions = local.pendingDeletions();
		this.epochs = epochs;
		this.sessionIdGenerator = sessionIdGenerator;
		this.indexing = indexing;
		this.guard = guard;
	}

	void setRestoreFallbackCopies(boolean restoreFallbackCopies) {
		this.restoreFallbackCopies = restoreFallbackCopies;
	}

	boolean isRestoreFallbackCopies() {
		return this.restoreFallbackCopies;
	}

	/**
	 * Decide again, under the session's lock, between the remote version and the local one, and
	 * move the local one into the remote store if it belongs there. A local version of a session
	 * the store holds brings only what requests changed here ({@link LocalChanges}): the attributes
	 * changed meanwhile through other instances are kept.
	 * @return the session to serve, or the exception the store's look-up threw
	 */
	Reconciled reconcile(RemoteStore store, String id) {
		Session found;
		try {
			found = store.repository().findById(id);
		}
		catch (RuntimeException ex) {
			return new Reconciled(null, ex);
		}
		this.guard.answered(store);
		StoredSession stored = this.local.findStored(id);
		if (stored == null || (stored.fallbackCopy() && found != null)) {
			return new Reconciled((found != null) ? new SwitchableSession(found, store) : null, null);
		}
		if (found == null) {
			boolean createdLocally = !stored.fallbackCopy() && stored.baseVersion() == null;
			return new Reconciled(createdLocally ? moveToRemote(store, stored, null) : restoreIfLost(store, stored), null);
		}
		return new Reconciled(moveToRemote(store, stored, found), null);
	}

	/**
	 * Apply the changes a local version holds onto the version the remote store holds, if the local
	 * store still holds such a version and the remote store still holds the session: what its next
	 * request would do, done now (at switch-in, or once the store answers again) so that other
	 * instances read it at once. A session the store does not hold (created here, lost, or deleted)
	 * is left to its next request, which knows the id the browser sends. Call it under the
	 * session's lock.
	 * @return the exception the store's look-up threw, or {@code null}
	 */
	@Nullable RuntimeException bringLocalChanges(RemoteStore store, String id) {
		StoredSession stored = this.local.findStored(id);
		if (stored == null || stored.fallbackCopy() || !bringsOnlyItsChanges(stored)) {
			return null;
		}
		Session found;
		try {
			found = store.repository().findById(id);
		}
		catch (RuntimeException ex) {
			return ex;
		}
		this.guard.answered(store);
		if (found != null) {
			moveToRemote(store, stored, found);
		}
		return null;
	}

	/**
	 * The remote store cannot tell whether it holds a session (the nodes that would hold it do not
	 * answer): move a session created here into it, serve any other from the local store. Call
	 * it under the session's lock.
	 */
	@Nullable SwitchableSession notKnownToStore(RemoteStore store, String id, RuntimeException ex) {
		StoredSession stored = this.local.findStored(id);
		if (stored != null && !stored.fallbackCopy() && stored.baseVersion() == null) {
			return moveToRemote(store, stored, null);
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Session " + SessionIds.abbreviate(id) + " served from the local store: '" + store.name()
					+ "' cannot tell whether it holds it (" + ex.getMessage() + ")");
		}
		return (stored != null) ? new SwitchableSession(stored.session(), null) : null;
	}

	/**
	 * The remote store misses a session of which the local store holds a version: restore it if
	 * the store lost data since, otherwise (deleted on purpose) drop it.
	 */
	private @Nullable SwitchableSession restoreIfLost(RemoteStore store, StoredSession stored) {
		String id = stored.session().getId();
		boolean mayBeLoggedOut = this.pendingDeletions.mayHaveForgotten(stored.session());
		if (stored.fallbackCopy() && (!this.restoreFallbackCopies || mayBeLoggedOut)) {
			this.local.deleteById(id);
			return null;
		}
		Boolean lost = this.guard.call(store, "findById", () -> this.epochs.lostSince(store, id, stored.epoch()), (ex) -> null);
		if (lost == null) {
			return new SwitchableSession(stored.session(), null);
		}
		if (!lost) {
			this.local.deleteById(id);
			if (logger.isDebugEnabled()) {
				logger.debug("Session " + SessionIds.abbreviate(id) + " was deleted from '" + store.name()
						+ "' on purpose: its local copy is dropped, not restored");
			}
			return null;
		}
		return moveToRemote(store, stored, null);
	}

	private @Nullable SwitchableSession moveToRemote(RemoteStore store, StoredSession stored,
			@Nullable Session existing) {
		MapSession source = stored.session();
		this.local.offeredToRemote(source.getId());
		String epoch = this.epochs.copyEpoch(store, source.getId());
		Session target;
		try {
			target = this.guard.call(store, "save", () -> {
				Session session = (existing != null) ? existing
						: this.sessionIdGenerator.withPreservedId(source.getId(), store.repository()::createSession);
				if (existing != null && bringsOnlyItsChanges(stored)) {
					stored.changes().applyTo(source, existing);
					existing.setAttribute(SessionVersions.ATTRIBUTE,
							Math.max(SessionVersions.of(existing), SessionVersions.of(source)) + 1);
				}
				else {
					SessionStateCopier.copy(source, session, existing == null);
				}
				store.repository().save(session);
				return session;
			}, (ex) -> null);
		}
		catch (RuntimeException ex) {
			if (StoreExceptionKind.of(ex) != StoreExceptionKind.INVALIDATION) {
				throw ex;
			}
			this.local.deleteById(source.getId());
			logger.debug("Session " + SessionIds.abbreviate(source.getId()) + " was deleted from '" + store.name()
					+ "': its local version is dropped");
			return null;
		}
		if (target == null) {
			return new SwitchableSession(source, null);
		}
		if (!target.getId().equals(source.getId())) {
			reportIdChange(store);
		}
		this.local.replaceWithFallbackCopy(target, source.getId(), epoch);
		logMove(store, source, stored, existing);
		String principalName = PrincipalIndexing.principalOf(target);
		if (principalName != null) {
			this.indexing.add(store, principalName, target.getId());
		}
		return new SwitchableSession(target, store);
	}

	/**
	 * Tell whether a local version brings only what requests changed here onto a version the
	 * store holds (it was taken from the store, or the store refused a request's changes), rather
	 * than the whole session (created here).
	 */
	private static boolean bringsOnlyItsChanges(StoredSession stored) {
		return stored.baseVersion() != null || !stored.changes().isEmpty();
	}

	private void reportIdChange(RemoteStore store) {
		String message = "Session store " + store + " gave a migrated session a new id (the browser gets a new "
				+ "cookie); configure it with setSessionIdGenerator(switchableSessionRepository.getSessionIdGenerator()) "
				+ "so that migrated sessions keep their ids";
		if (store.firstIdChange()) {
			logger.info(message);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(message);
		}
	}

	private void logMove(RemoteStore store, MapSession source, StoredSession stored, @Nullable Session existing) {
		if (!logger.isInfoEnabled()) {
			return;
		}
		String session = "session " + SessionIds.abbreviate(source.getId());
		if (existing != null && bringsOnlyItsChanges(stored)) {
			logger.info("Updated " + session + " in '" + store.name() + "' with the changes made here while it did "
					+ "not answer (" + stored.changes().baseValues().size() + " attributes)");
		}
		else if (existing != null) {
			logger.info("Updated " + session + " in '" + store.name() + "' from its local version");
		}
		else if (stored.fallbackCopy()) {
			logger.info("Restored " + session + " into '" + store.name() + "', which had lost it, from this "
					+ "instance's fallback copy");
		}
		else {
			logger.info("Moved " + session + " from the local store into '" + store.name() + "'");
		}
	}

	/**
	 * What {@link #reconcile} found: the session to serve, or the exception of the store's look-up.
	 * @param session the session, or {@code null} if there is none (or the look-up failed)
	 * @param lookUpFailure what the store's look-up threw, or {@code null}
	 */
	record Reconciled(@Nullable SwitchableSession session, @Nullable RuntimeException lookUpFailure) {
	}

}
