/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

/**
 * Thrown by a session store's {@code save} for a session that is not new but no longer exists in
 * the store: it was deleted (a logout, an invalidation, the old id of a changed id) or expired
 * while the request held a copy. Saving it would bring a deleted session back, so the save is
 * refused; the message is Spring Session's own ({@value #MESSAGE}), as thrown by its Redis
 * repositories, and the type is an {@link IllegalStateException} like theirs.
 *
 * <p>{@link SwitchableSessionRepository} treats it, and Spring Session's own
 * {@code IllegalStateException("Session was invalidated")}, as the end of the session: the request
 * continues without a session, never with a server error, and no fallback copy brings it back.
 */
public class SessionInvalidatedException extends IllegalStateException {

	/** Spring Session's message for a save of a session that no longer exists. */
	public static final String MESSAGE = "Session was invalidated";

	private final String sessionId;

	/**
	 * Create an exception for the given session.
	 * @param sessionId the id under which the session was found, for logs
	 */
	public SessionInvalidatedException(String sessionId) {
		super(MESSAGE);
		this.sessionId = sessionId;
	}

	/**
	 * Return the id under which the refused session was found.
	 * @return the session id
	 */
	public String getSessionId() {
		return this.sessionId;
	}

	/**
	 * Tell whether an exception says that a session was invalidated: this type, or Spring
	 * Session's {@code IllegalStateException} with the message {@value #MESSAGE}.
	 * @param ex an exception thrown by a session store
	 * @return whether the store refused a save because the session no longer exists
	 */
	public static boolean isInvalidation(Throwable ex) {
		return StoreExceptionKind.of(ex) == StoreExceptionKind.INVALIDATION;
	}

}
