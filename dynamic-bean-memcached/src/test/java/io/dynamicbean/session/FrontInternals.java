/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import java.util.List;

import org.springframework.session.Session;

/**
 * What the memcached store's simulator reads of the front that its public API does not say, and
 * the one change it makes to the front for a mutant. Test scope only: the front is driven through
 * its public API otherwise.
 */
public final class FrontInternals {

	private FrontInternals() {
	}

	/**
	 * Tell whether the front dropped a save because the session had been deleted meanwhile: the
	 * request goes on without an error, and the session is over.
	 * @param session a session returned by a {@link SwitchableSessionRepository}
	 * @return whether its last save was refused as invalidated
	 */
	public static boolean isInvalidated(Session session) {
		return session instanceof SwitchableSession switchable && switchable.isInvalidated();
	}

	/**
	 * Forget every logout the front has not been able to tell its remote store of yet: a front
	 * that ignores pending deletions, for a mutant.
	 * @param local the front's local store
	 * @return how many were forgotten
	 */
	public static int forgetPendingDeletions(LocalSessionRepository local) {
		PendingDeletions pending = local.pendingDeletions();
		List<String> ids = pending.ids();
		ids.forEach(pending::remove);
		return ids.size();
	}

}
