/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.dynamicbean.session.LocalSessionRepository;
import io.dynamicbean.session.SwitchableSessionRepository;
import org.junit.jupiter.api.Test;

import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.web.authentication.session.SessionAuthenticationException;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.MapSessionRepository;
import org.springframework.session.Session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Admission of new sessions by {@link SwitchableSessionRegistry}, two instances over one store.
 */
class SwitchableSessionRegistryTests {

	private final Map<String, Session> shared = new ConcurrentHashMap<>();

	private final SwitchableSessionRepository first = instance();

	private final SwitchableSessionRepository second = instance();

	@Test
	void loginBeyondTheLimitOnAnotherInstanceExpiresTheLeastRecentlyUsedSession() {
		SwitchableSessionRegistry onFirst = new SwitchableSessionRegistry(this.first, 1, false);
		SwitchableSessionRegistry onSecond = new SwitchableSessionRegistry(this.second, 1, false);
		String older = logIn(this.first, onFirst, "alice");
		String newer = logIn(this.second, onSecond, "alice");
		SessionInformation olderInfo = onSecond.getSessionInformation(older);
		assertThat(olderInfo.isExpired()).as("older session, seen from the other instance").isTrue();
		assertThat(onFirst.getSessionInformation(newer).isExpired()).as("newer session").isFalse();
		assertThat(onFirst.getAllSessions("alice", false)).extracting(SessionInformation::getSessionId)
			.containsExactly(newer);
	}

	@Test
	void loginBeyondTheLimitIsRefusedWhenTheLimitPreventsLogin() {
		SwitchableSessionRegistry onFirst = new SwitchableSessionRegistry(this.first, 1, true);
		SwitchableSessionRegistry onSecond = new SwitchableSessionRegistry(this.second, 1, true);
		String kept = logIn(this.first, onFirst, "alice");
		assertThatExceptionOfType(SessionAuthenticationException.class)
			.isThrownBy(() -> logIn(this.second, onSecond, "alice"))
			.withMessage("Maximum sessions of 1 for this principal exceeded");
		assertThat(this.second.findByPrincipalName("alice")).containsOnlyKeys(kept);
	}

	@Test
	void loginThatFindsAnotherLoginInFlightAtTheLimitIsRefused() {
		SwitchableSessionRegistry onSecond = new SwitchableSessionRegistry(this.second, 1, false);
		Session inFlight = this.first.createSession();
		this.first.indexSession("alice", inFlight.getId());
		assertThatExceptionOfType(SessionAuthenticationException.class)
			.isThrownBy(() -> logIn(this.second, onSecond, "alice"))
			.withMessageContaining("by logins at the same moment");
	}

	@Test
	void otherPrincipalsDoNotCount() {
		SwitchableSessionRegistry onFirst = new SwitchableSessionRegistry(this.first, 1, false);
		String alice = logIn(this.first, onFirst, "alice");
		logIn(this.second, new SwitchableSessionRegistry(this.second, 1, false), "bob");
		assertThat(onFirst.getSessionInformation(alice).isExpired()).isFalse();
	}

	@Test
	void withoutALimitRegistrationIndexesNothingMore() {
		SwitchableSessionRegistry registry = new SwitchableSessionRegistry(this.first);
		String one = logIn(this.first, registry, "alice");
		String two = logIn(this.first, registry, "alice");
		assertThat(registry.getAllSessions("alice", false)).extracting(SessionInformation::getSessionId)
			.containsExactlyInAnyOrder(one, two);
	}

	@Test
	void limitBelowOneIsRefusedWithTheProperty() {
		assertThatIllegalArgumentException().isThrownBy(() -> new SwitchableSessionRegistry(this.first, 0, false))
			.withMessageContaining("dynamic-bean.session.concurrency.maximum-sessions");
	}

	/**
	 * Log in as Spring Security's strategies do: change the id, register, then save the login.
	 */
	private static String logIn(SwitchableSessionRepository front, SwitchableSessionRegistry registry, String user) {
		Session session = front.createSession();
		front.save(session);
		session = front.findById(session.getId());
		session.changeSessionId();
		registry.registerNewSession(session.getId(), user);
		session.setAttribute(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME, user);
		front.save(session);
		return session.getId();
	}

	private SwitchableSessionRepository instance() {
		SwitchableSessionRepository front = new SwitchableSessionRepository(new LocalSessionRepository());
		MapSessionRepository store = new MapSessionRepository(this.shared);
		store.setSessionIdGenerator(front.getSessionIdGenerator());
		front.switchTo("store", store);
		return front;
	}

}
