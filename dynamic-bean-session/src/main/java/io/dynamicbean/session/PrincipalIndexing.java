/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.IndexResolver;
import org.springframework.session.PrincipalNameIndexResolver;
import org.springframework.session.Session;

/**
 * What the front does to the principal index of its remote store, and when: a session is indexed
 * when a save to the remote store may have changed its principal (a login: a changed id, or a
 * changed security context or principal name attribute) or when it moves into the store from the
 * local store, and taken out when it is deleted. Ordinary requests change neither and cost no
 * index work.
 *
 * <p>Index work that fails (a node down, an entry the store refuses) is logged and never fails the
 * call of the front that caused it: a session missing from the index is found again when it
 * logs in next, and a member whose session is gone is pruned when the entry is read.
 */
final class PrincipalIndexing {

	private static final Log logger = LogFactory.getLog(PrincipalIndexing.class);

	private static final IndexResolver<Session> principalNames = new PrincipalNameIndexResolver<>();

	private final PrincipalIndex index;

	private final PeriodicWarning failureWarning = new PeriodicWarning();

	PrincipalIndexing(PrincipalIndex index) {
		this.index = index;
	}

	PrincipalIndex index() {
		return this.index;
	}

	/**
	 * Return the principal name of a session as Spring Session resolves it: the
	 * {@link FindByIndexNameSessionRepository#PRINCIPAL_NAME_INDEX_NAME} attribute, else the name
	 * of the authentication in Spring Security's context.
	 */
	static @Nullable String principalOf(@Nullable Session session) {
		if (session == null) {
			return null;
		}
		try {
			return principalNames.resolveIndexesFor(session).get(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME);
		}
		catch (RuntimeException ex) {
			logger.debug("Could not resolve the principal name of a session", ex);
			return null;
		}
	}

	/**
	 * Return whether saving a session may change what the index holds for it; {@code false} for an
	 * ordinary request, which changes neither the id nor the login.
	 */
	static boolean mayChangePrincipal(SwitchableSession session) {
		if (session.isNew() || !session.getSavedId().equals(session.getId())) {
			return true;
		}
		Map<String, @Nullable Object> changed = session.getChangedAttributes();
		return changed.containsKey(EstablishedSessions.SECURITY_CONTEXT_ATTRIBUTE)
				|| changed.containsKey(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME);
	}

	/**
	 * A session was saved to the remote store, possibly under a new id or with a new login.
	 */
	void saved(RemoteStore store, Session session, String previousId) {
		String principalName = principalOf(session);
		if (principalName != null) {
			update(store, principalName, List.of(session.getId()),
					previousId.equals(session.getId()) ? List.of() : List.of(previousId));
		}
	}

	/**
	 * Add a session to a principal's entry.
	 * @return whether the entry holds it now (written or already there)
	 */
	boolean add(RemoteStore store, String principalName, String sessionId) {
		return update(store, principalName, List.of(sessionId), List.of());
	}

	void remove(RemoteStore store, String principalName, Collection<String> sessionIds) {
		if (!sessionIds.isEmpty()) {
			update(store, principalName, List.of(), sessionIds);
		}
	}

	/**
	 * Read a principal's entry.
	 * @return the members with when each was indexed, or {@code null} if the store failed
	 */
	@Nullable Map<String, Instant> members(RemoteStore store, String principalName) {
		try {
			return this.index.members(store.repository(), principalName);
		}
		catch (RuntimeException ex) {
			failed(store, "read", ex);
			return null;
		}
	}

	/**
	 * Return whether a member whose session cannot be found may still be saved by its login.
	 */
	boolean inFlight(Instant indexedAt) {
		return indexedAt.plus(PrincipalIndex.IN_FLIGHT_GRACE).isAfter(this.index.now());
	}

	private boolean update(RemoteStore store, String principalName, Collection<String> added,
			Collection<String> removed) {
		try {
			this.index.update(store.repository(), principalName, added, removed);
			return true;
		}
		catch (RuntimeException ex) {
			failed(store, "write", ex);
			return false;
		}
	}

	private void failed(RemoteStore store, String operation, RuntimeException ex) {
		boolean due;
		synchronized (this.failureWarning) {
			due = this.failureWarning.due(this.index.now());
		}
		if (due) {
			logger.warn("Could not " + operation + " a principal index entry in " + store + " (" + ex
					+ "); the call went on without it, and sessions are indexed again at their next login");
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Could not " + operation + " a principal index entry in '" + store.name() + "'", ex);
		}
	}

}
