/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.dynamicbean.session.SwitchableSessionRepository;
import io.dynamicbean.session.web.RequestSessions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Reads (and for {@code /session} counts) the current session into a {@link SessionView}.
 *
 * <p>Where the session lives comes from the {@link SwitchableSessionRepository} when the
 * application has one. Without it (the benchmark-only {@code plain-redis} profile, where Spring
 * Session's own repository serves every request and nothing switches), the store is reported as
 * {@value #PLAIN_SPRING_SESSION_STORE}.
 */
public class SessionViews {

	/**
	 * The session attribute that holds the counter, a {@link Long}.
	 */
	public static final String COUNTER_ATTRIBUTE = "example.counter";

	/**
	 * The prefix of the session attributes that hold notes, followed by the note's name.
	 */
	public static final String NOTE_ATTRIBUTE_PREFIX = "example.note.";

	private static final int MAX_NOTE_NAME_LENGTH = 40;

	/**
	 * The store reported when no {@link SwitchableSessionRepository} exists: the application's
	 * plain Spring Session repository, whatever backs it.
	 */
	public static final String PLAIN_SPRING_SESSION_STORE = "spring-session (plain)";

	private final InstanceId instanceId;

	private final @Nullable SwitchableSessionRepository sessions;

	/**
	 * Create the views.
	 * @param instanceId the id of this instance, not {@code null}
	 * @param sessions the switchable session store, asked where a session lives; {@code null}
	 * when the application serves sessions with a plain Spring Session repository instead
	 */
	public SessionViews(InstanceId instanceId, @Nullable SwitchableSessionRepository sessions) {
		Assert.notNull(instanceId, "instanceId must not be null");
		this.instanceId = instanceId;
		this.sessions = sessions;
	}

	/**
	 * Add one to the session's counter and describe the session.
	 * @param request the current request, which has a session
	 * @return the session, with the counter after this call
	 */
	public SessionView count(HttpServletRequest request) {
		return count(request, null);
	}

	/**
	 * Add one to the session's counter, set a note in the session if one is named, and describe
	 * the session. Each note is an attribute of its own, so that parallel requests of one session
	 * that set different notes show whether the session store keeps every request's change.
	 * @param request the current request, which has a session
	 * @param note the name of the note to set, or {@code null} for none
	 * @return the session, with the counter after this call
	 * @throws InvalidNoteException if the note name is not 1 to 40 letters, digits, '-' or '_'
	 */
	public SessionView count(HttpServletRequest request, @Nullable String note) {
		if (note != null && !isNoteName(note)) {
			throw new InvalidNoteException(
					"note must be 1 to " + MAX_NOTE_NAME_LENGTH + " letters, digits, '-' or '_'");
		}
		HttpSession session = request.getSession();
		long counter = counter(session) + 1;
		session.setAttribute(COUNTER_ATTRIBUTE, counter);
		if (!this.instanceId.get().equals(session.getAttribute(UserSessions.INSTANCE_ATTRIBUTE))) {
			session.setAttribute(UserSessions.INSTANCE_ATTRIBUTE, this.instanceId.get());
		}
		if (note != null) {
			session.setAttribute(NOTE_ATTRIBUTE_PREFIX + note, Boolean.TRUE);
		}
		return view(request, session, counter);
	}

	private static boolean isNoteName(String name) {
		if (name.isEmpty() || name.length() > MAX_NOTE_NAME_LENGTH) {
			return false;
		}
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (!(c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_'))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Describe the session without changing it.
	 * @param request the current request, which has a session
	 * @return the session
	 */
	public SessionView show(HttpServletRequest request) {
		HttpSession session = request.getSession();
		return view(request, session, counter(session));
	}

	private SessionView view(HttpServletRequest request, HttpSession session, long counter) {
		return new SessionView(this.instanceId.get(), session.getId(), storeOf(request), counter, notes(session));
	}

	private static List<String> notes(HttpSession session) {
		List<String> notes = new ArrayList<>();
		for (String name : Collections.list(session.getAttributeNames())) {
			if (name.startsWith(NOTE_ATTRIBUTE_PREFIX)) {
				notes.add(name.substring(NOTE_ATTRIBUTE_PREFIX.length()));
			}
		}
		Collections.sort(notes);
		return notes;
	}

	/**
	 * Where the session lives comes from what the switchable repository loaded for this request:
	 * no extra round trip to the store.
	 */
	private String storeOf(HttpServletRequest request) {
		if (this.sessions == null) {
			return PLAIN_SPRING_SESSION_STORE;
		}
		String store = RequestSessions.storeOf(this.sessions, request);
		return (store != null) ? store : SwitchableSessionRepository.LOCAL_STORE_NAME;
	}

	private static long counter(HttpSession session) {
		return (session.getAttribute(COUNTER_ATTRIBUTE) instanceof Long counter) ? counter : 0L;
	}

	/**
	 * A note name that {@code GET /session?note=} refuses: the client's mistake, answered 400.
	 */
	public static class InvalidNoteException extends IllegalArgumentException {

		InvalidNoteException(String message) {
			super(message);
		}

	}

}
