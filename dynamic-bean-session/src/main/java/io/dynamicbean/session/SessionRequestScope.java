/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link SwitchableSessionRepository} loaded, created and saved for one request, so that
 * Spring Session's second commit of that request (a {@code findById} and a {@code save} when the
 * response was committed early) costs no round trip to the remote store, and so that the store of
 * the request's session is known without asking one.
 *
 * <p>Whoever serves requests opens one scope per request, {@link #bind(SessionRequestScope) binds}
 * it to the thread while the request runs and {@link #restore(SessionRequestScope) restores}
 * what was bound before; the web layer's {@code io.dynamicbean.session.web.SwitchableSessionRequestFilter}
 * does so for every HTTP request. Nothing is ever served to another request, and nothing outlives
 * the scope. An entry is valid only as long as the store that was active when it was recorded
 * still is. A scope may carry a {@link SessionRouting}, told when the request's session is read
 * from the local store and when it is saved. Thread-safe.
 */
public final class SessionRequestScope {

	private static final ThreadLocal<SessionRequestScope> current = new ThreadLocal<>();

	private final Map<String, Entry> entries = new ConcurrentHashMap<>();

	private final @Nullable SessionRouting routing;

	/**
	 * Create the scope of one request, with no routing.
	 */
	public SessionRequestScope() {
		this(null);
	}

	/**
	 * Create the scope of one request.
	 * @param routing told when the request's session is read locally and saved, or {@code null}
	 */
	public SessionRequestScope(@Nullable SessionRouting routing) {
		this.routing = routing;
	}

	/**
	 * Return the scope bound to the current thread.
	 * @return the scope, or {@code null} outside a request
	 */
	public static @Nullable SessionRequestScope current() {
		return current.get();
	}

	/**
	 * Bind a scope to the current thread.
	 * @param scope the scope of the request being served, not {@code null}
	 * @return the scope bound before, to restore with {@link #restore(SessionRequestScope)}
	 */
	public static @Nullable SessionRequestScope bind(SessionRequestScope scope) {
		SessionRequestScope previous = current.get();
		current.set(scope);
		return previous;
	}

	/**
	 * Restore what was bound to the current thread before {@link #bind(SessionRequestScope)}.
	 * @param previous the scope returned by {@code bind}, or {@code null}
	 */
	public static void restore(@Nullable SessionRequestScope previous) {
		if (previous != null) {
			current.set(previous);
		}
		else {
			current.remove();
		}
	}

	/**
	 * Tell the routing that the request's session is about to be served from the local store.
	 */
	void beforeLocalRead() {
		if (this.routing != null) {
			this.routing.beforeLocalRead();
		}
	}

	/**
	 * Tell the routing that the request's session was saved.
	 */
	void saved(@Nullable Duration onSharedStoreFor, boolean changed) {
		if (this.routing != null) {
			this.routing.saved(onSharedStoreFor, changed);
		}
	}

	/**
	 * Return the answer to {@code findById(id)} recorded during this request.
	 * @param id the session id looked up
	 * @param activeStore the store active now
	 * @return the entry (whose session is {@code null} when the session is known not to exist),
	 * or {@code null} when nothing valid is recorded
	 */
	@Nullable Entry lookedUp(String id, @Nullable RemoteStore activeStore) {
		Entry entry = this.entries.get(id);
		if (entry == null || entry.activeStore() != activeStore || !entry.answersFindById()) {
			return null;
		}
		SwitchableSession session = entry.session();
		return (session == null || session.getId().equals(id)) ? entry : null;
	}

	void found(String id, @Nullable SwitchableSession session, @Nullable RemoteStore activeStore) {
		this.entries.put(id, new Entry(session, activeStore, false, true));
	}

	void created(SwitchableSession session, @Nullable RemoteStore activeStore) {
		this.entries.put(session.getId(), new Entry(session, activeStore, false, false));
	}

	/**
	 * Record a save; a session saved under a new id is known to be gone from its old one.
	 */
	void saved(SwitchableSession session, String previousId, @Nullable RemoteStore activeStore) {
		if (!previousId.equals(session.getId())) {
			this.entries.put(previousId, new Entry(null, activeStore, false, true));
		}
		this.entries.put(session.getId(), new Entry(session, activeStore, true, true));
	}

	void deleted(String id, @Nullable RemoteStore activeStore) {
		this.entries.put(id, new Entry(null, activeStore, false, true));
	}

	/**
	 * Return whether the session was saved during this request, to the store it would be saved
	 * to now, and has not been changed since.
	 * @param session the session about to be saved
	 * @param activeStore the store active now
	 */
	boolean isSavedAndUnchanged(SwitchableSession session, @Nullable RemoteStore activeStore) {
		Entry entry = this.entries.get(session.getId());
		return entry != null && entry.saved() && entry.session() == session && entry.activeStore() == activeStore
				&& !session.isChangedSinceSave();
	}

	/**
	 * Return the session of this request whose id is the given one now.
	 * @param id the session's current id
	 * @return the session, or {@code null} if this request did not load, create or save it
	 */
	public @Nullable SwitchableSession sessionWithId(String id) {
		for (Entry entry : this.entries.values()) {
			SwitchableSession session = entry.session();
			if (session != null && session.getId().equals(id)) {
				return session;
			}
		}
		return null;
	}

	/**
	 * One recorded answer.
	 * @param session the session, or {@code null} if it is known not to exist
	 * @param activeStore the store active when it was recorded ({@code null} for local)
	 * @param saved whether it was saved during this request
	 * @param answersFindById whether it is what the stores hold (found or saved), not a session
	 * created and not saved yet
	 */
	record Entry(@Nullable SwitchableSession session, @Nullable RemoteStore activeStore, boolean saved,
			boolean answersFindById) {
	}

}
