/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session.security;

import java.util.Comparator;
import java.util.List;

import io.dynamicbean.session.IndexedSession;
import io.dynamicbean.session.SwitchableSessionRepository;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.web.authentication.session.SessionAuthenticationException;
import org.springframework.session.Session;
import org.springframework.session.security.SpringSessionBackedSessionRegistry;
import org.springframework.util.Assert;

/**
 * Spring Security's {@code SessionRegistry} over the principal index of a
 * {@link SwitchableSessionRepository}, for concurrent-session control across instances
 * ({@code sessionManagement().sessionConcurrency((c) -> c.maximumSessions(n).sessionRegistry(registry))}).
 * It is Spring Session's {@link SpringSessionBackedSessionRegistry} (sessions found by principal
 * name, expiry marked in the session, so that the expired session's next request on any instance
 * is treated as expired), plus an admission step that closes the race of simultaneous logins.
 *
 * <p>Spring Security checks the limit before the login ({@code getAllSessions}) and registers the
 * session after it has changed its id ({@link #registerNewSession(String, Object)}). Two logins of
 * one user on two instances at the same moment both pass the check. With a
 * {@linkplain #SwitchableSessionRegistry(SwitchableSessionRepository, int, boolean) limit given
 * here}, the registration is an admission: the session is added to the principal's index entry,
 * which the store merges with concurrent additions, and the entry is read back. Of two
 * simultaneous logins, the one that reads last sees the other (indexed, in flight), and:
 * <ul>
 * <li>with {@code maxSessionsPreventsLogin}, a login that finds the limit reached is refused;</li>
 * <li>otherwise the least recently used saved sessions beyond the limit are expired, and a login
 * that could only stay within the limit by expiring another login still in flight is refused
 * ({@link SessionAuthenticationException}): the user logs in again.</li>
 * </ul>
 * So a limit of 1 never leaves two live sessions; in the rare exact tie both logins may be
 * refused. The guarantee holds while the store answers; while it fails, each instance counts
 * only its own sessions. Without a limit ({@value #UNLIMITED}, the default), registration does
 * nothing, as in Spring Session.
 */
public class SwitchableSessionRegistry extends SpringSessionBackedSessionRegistry<Session> {

	/** No limit: registration is not an admission. */
	public static final int UNLIMITED = -1;

	/** The attribute by which Spring Session's registry marks a session expired. */
	static final String EXPIRED_ATTRIBUTE = "org.springframework.session.security.SpringSessionBackedSessionInformation.EXPIRED";

	private static final Log logger = LogFactory.getLog(SwitchableSessionRegistry.class);

	private final SwitchableSessionRepository sessions;

	private final int maximumSessions;

	private final boolean maxSessionsPreventsLogin;

	/**
	 * Create a registry without admission: Spring Security's own check applies the limit.
	 * @param sessions the front, not {@code null}
	 */
	public SwitchableSessionRegistry(SwitchableSessionRepository sessions) {
		this(sessions, UNLIMITED, false);
	}

	/**
	 * Create a registry that admits each new session against a limit; give Spring Security's
	 * concurrency control the same limit and policy.
	 * @param sessions the front, not {@code null}
	 * @param maximumSessions the most sessions of one principal, at least 1, or {@value #UNLIMITED}
	 * @param maxSessionsPreventsLogin {@code true} to refuse a login beyond the limit,
	 * {@code false} to expire the least recently used sessions
	 */
	public SwitchableSessionRegistry(SwitchableSessionRepository sessions, int maximumSessions,
			boolean maxSessionsPreventsLogin) {
		super(sessions);
		Assert.notNull(sessions, "sessions must not be null");
		Assert.isTrue(maximumSessions >= 1 || maximumSessions == UNLIMITED, () -> "maximumSessions must be at least 1, "
				+ "or -1 for no limit, got " + maximumSessions
				+ ": set dynamic-bean.session.concurrency.maximum-sessions to a positive number");
		this.sessions = sessions;
		this.maximumSessions = maximumSessions;
		this.maxSessionsPreventsLogin = maxSessionsPreventsLogin;
	}

	/**
	 * Return the limit of sessions per principal.
	 * @return at least 1, or {@value #UNLIMITED}
	 */
	public int getMaximumSessions() {
		return this.maximumSessions;
	}

	/**
	 * Admit a new session against the limit, as described on the class.
	 * @throws SessionAuthenticationException if the login is refused
	 */
	@Override
	public void registerNewSession(String sessionId, Object principal) {
		Assert.hasText(sessionId, "sessionId must not be empty");
		Assert.notNull(principal, "principal must not be null");
		if (this.maximumSessions == UNLIMITED) {
			return;
		}
		String principalName = name(principal);
		List<IndexedSession> others = this.sessions.indexSession(principalName, sessionId)
			.stream()
			.filter((indexed) -> !indexed.sessionId().equals(sessionId) && !isMarkedExpired(indexed))
			.toList();
		int excess = others.size() - (this.maximumSessions - 1);
		if (excess <= 0) {
			return;
		}
		List<Session> saved = others.stream()
			.filter((indexed) -> !indexed.isInFlight())
			.map(IndexedSession::session)
			.sorted(Comparator.comparing(Session::getLastAccessedTime))
			.toList();
		if (this.maxSessionsPreventsLogin || saved.size() < excess) {
			this.sessions.unindexSessions(principalName, List.of(sessionId));
			throw new SessionAuthenticationException("Maximum sessions of " + this.maximumSessions
					+ " for this principal exceeded" + (this.maxSessionsPreventsLogin ? ""
							: " by logins at the same moment; log in again"));
		}
		saved.subList(0, excess).forEach(this::expire);
	}

	private void expire(Session session) {
		session.setAttribute(EXPIRED_ATTRIBUTE, Boolean.TRUE);
		this.sessions.save(session);
		if (logger.isDebugEnabled()) {
			logger.debug("Expired a session beyond the limit of " + this.maximumSessions + " sessions of its principal");
		}
	}

	private static boolean isMarkedExpired(IndexedSession indexed) {
		Session session = indexed.session();
		return session != null && Boolean.TRUE.equals(session.getAttribute(EXPIRED_ATTRIBUTE));
	}

}
