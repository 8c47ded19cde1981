/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link SwitchableSessionRepository} loaded, created and saved for one HTTP request, so
 * that Spring Session's second commit of that request (a {@code findById} and a {@code save} when
 * the response was committed early) costs no round trip to the remote store, and so that
 * {@link SwitchableSessionRepository#storeOf(jakarta.servlet.http.HttpServletRequest)} needs none.
 *
 * <p>One instance per request, held as a request attribute and bound to the thread only while a
 * {@link SwitchableSessionRequestFilter} runs for that request: nothing is ever served to another
 * request, and nothing outlives the request. An entry is valid only as long as the store that was
 * active when it was recorded still is.
 */
final class RequestSessions {

	/** The request attribute holding the instance of a request. */
	static final String ATTRIBUTE = RequestSessions.class.getName();

	private static final ThreadLocal<RequestSessions> current = new ThreadLocal<>();

	private final Map<String, Entry> entries = new ConcurrentHashMap<>();

	private final @Nullable HttpServletRequest httpRequest;

	private final @Nullable HttpServletResponse httpResponse;

	private final @Nullable SessionAffinity affinity;

	/**
	 * Create the memory of one request.
	 * @param httpRequest the request
	 * @param httpResponse its response, on which the affinity cookie is set
	 * @param affinity the affinity cookie to set while a session is local only, or {@code null}
	 */
	RequestSessions(@Nullable HttpServletRequest httpRequest, @Nullable HttpServletResponse httpResponse,
			@Nullable SessionAffinity affinity) {
		this.httpRequest = httpRequest;
		this.httpResponse = httpResponse;
		this.affinity = affinity;
	}

	/**
	 * Set or clear the affinity cookie after the request's session was saved.
	 * @param onSharedStoreFor {@code null} if the session now lives only in the local store,
	 * otherwise how long this instance has been on the shared store that holds it
	 * @param changed whether the save changed the session beyond its last access time, which
	 * makes this instance its last writer
	 */
	void applyAffinity(@Nullable Duration onSharedStoreFor, boolean changed) {
		if (this.affinity != null && this.httpRequest != null && this.httpResponse != null) {
			this.affinity.apply(this.httpRequest, this.httpResponse, onSharedStoreFor);
			if (changed) {
				this.affinity.wrote(this.httpRequest, this.httpResponse);
			}
		}
	}

	/**
	 * Stop serving a session from this instance's local store if another instance changed it
	 * last and the request has not been sent there yet.
	 * @throws SessionElsewhereException naming that instance
	 */
	void checkWriterElsewhere() {
		if (this.affinity != null && this.httpRequest != null) {
			String route = this.affinity.writerElsewhere(this.httpRequest);
			if (route != null) {
				throw new SessionElsewhereException(route, this.affinity.affinityCookie(route));
			}
		}
	}

	/**
	 * Return the instance of the request the current thread is serving.
	 * @return the instance, or {@code null} outside a {@link SwitchableSessionRequestFilter}
	 */
	static @Nullable RequestSessions current() {
		return current.get();
	}

	/**
	 * Bind an instance to the current thread.
	 * @param sessions the instance of the request being served
	 * @return the instance bound before, to restore with {@link #restore(RequestSessions)}
	 */
	static @Nullable RequestSessions bind(RequestSessions sessions) {
		RequestSessions previous = current.get();
		current.set(sessions);
		return previous;
	}

	/**
	 * Restore what was bound to the current thread before {@link #bind(RequestSessions)}.
	 * @param previous the instance returned by {@code bind}, or {@code null}
	 */
	static void restore(@Nullable RequestSessions previous) {
		if (previous != null) {
			current.set(previous);
		}
		else {
			current.remove();
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
	@Nullable SwitchableSession sessionWithId(String id) {
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
