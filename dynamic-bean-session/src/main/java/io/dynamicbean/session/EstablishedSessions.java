/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;

/**
 * The one rule that tells a session holding a login ("established") from an anonymous one: a
 * session is established when it holds Spring Security's context attribute
 * ({@value #SECURITY_CONTEXT_ATTRIBUTE}, the key of {@code HttpSessionSecurityContextRepository})
 * or Spring Session's principal name attribute
 * ({@link FindByIndexNameSessionRepository#PRINCIPAL_NAME_INDEX_NAME}).
 *
 * <p>Anonymous clients can create sessions at will (any page that stores a CSRF token or a saved
 * request does), but cannot create established ones without credentials. Memory bounds therefore
 * give way at the expense of anonymous sessions first: see {@link LocalSessionRepository} and
 * {@link PendingDeletions}.
 */
final class EstablishedSessions {

	/** Spring Security's session attribute of the security context. */
	static final String SECURITY_CONTEXT_ATTRIBUTE = "SPRING_SECURITY_CONTEXT";

	private EstablishedSessions() {
	}

	/**
	 * Return whether a session holds a login.
	 * @param session any session
	 * @return {@code true} if it holds a security context or a principal name
	 */
	static boolean isEstablished(Session session) {
		return session.getAttribute(SECURITY_CONTEXT_ATTRIBUTE) != null
				|| session.getAttribute(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME) != null;
	}

}
