/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session.contract;

import java.time.Duration;
import java.util.UUID;

import io.dynamicbean.session.LocalSessionRepository;
import io.dynamicbean.session.SwitchableSessionRepository;
import org.junit.jupiter.api.Test;

import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The principal index of the switchable front over a store: run against a store by extending this
 * class. Each test plays two application instances, two fronts over one store, and logs users in
 * the way Spring Security does (a changed id, then the principal name in the session).
 */
public abstract class PrincipalIndexContractTests {

	private static final String PRINCIPAL = FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME;

	/**
	 * Return a new repository of the store under test, over the same data as every other
	 * repository this test asked for, configured for the given front (its id generator, as a
	 * {@code SessionStoreGeneratorAdapter} does), not switched in.
	 * @param front the front of one instance
	 * @return the repository
	 */
	protected abstract SessionRepository<? extends Session> newStore(SwitchableSessionRepository front);

	/**
	 * Return a new instance: a front with the store switched in.
	 * @return the front
	 */
	protected SwitchableSessionRepository newInstance() {
		SwitchableSessionRepository front = new SwitchableSessionRepository(new LocalSessionRepository());
		front.switchTo("store", newStore(front));
		return front;
	}

	@Test
	void sessionsOfOnePrincipalLoggedInOnTwoInstancesAreFoundFromEither() {
		SwitchableSessionRepository first = newInstance();
		SwitchableSessionRepository second = newInstance();
		String user = uniqueUser();
		String onFirst = logIn(first, user);
		String onSecond = logIn(second, user);
		logIn(second, uniqueUser());
		assertThat(first.findByPrincipalName(user)).as("found from the first instance").containsOnlyKeys(onFirst, onSecond);
		assertThat(second.findByPrincipalName(user)).as("found from the second instance").containsOnlyKeys(onFirst, onSecond);
		assertThat(second.findByPrincipalName(user).get(onFirst).<String>getAttribute(PRINCIPAL)).isEqualTo(user);
	}

	@Test
	void deletedSessionLeavesTheIndex() {
		SwitchableSessionRepository first = newInstance();
		SwitchableSessionRepository second = newInstance();
		String user = uniqueUser();
		String loggedOut = logIn(first, user);
		String kept = logIn(second, user);
		second.deleteById(loggedOut);
		assertThat(first.findByPrincipalName(user)).as("sessions after a logout through the other instance")
			.containsOnlyKeys(kept);
	}

	@Test
	void expiredSessionLeavesTheIndex() {
		SwitchableSessionRepository first = newInstance();
		SwitchableSessionRepository second = newInstance();
		String user = uniqueUser();
		String kept = logIn(first, user);
		Session expiring = first.findById(logIn(first, user));
		expiring.setMaxInactiveInterval(Duration.ofSeconds(1));
		first.save(expiring);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(second.findByPrincipalName(user)).as("sessions once one expired")
				.containsOnlyKeys(kept));
	}

	@Test
	void sessionWhoseIdChangedIsFoundUnderItsNewIdOnly() {
		SwitchableSessionRepository first = newInstance();
		SwitchableSessionRepository second = newInstance();
		String user = uniqueUser();
		Session session = first.findById(logIn(first, user));
		String newId = session.changeSessionId();
		first.save(session);
		assertThat(second.findByPrincipalName(user)).as("sessions after an id change").containsOnlyKeys(newId);
	}

	@Test
	void principalNameOfAnyLengthAndCharactersIsItsOwnEntry() {
		SwitchableSessionRepository first = newInstance();
		SwitchableSessionRepository second = newInstance();
		String hostile = "é\r\n ../dynamic-bean.ix-%00\u0000\t;DROP TABLE SPRING_SESSION;--" + "x".repeat(5_000)
				+ UUID.randomUUID();
		String similar = hostile + " ";
		String session = logIn(first, hostile);
		String other = logIn(first, similar);
		assertThat(second.findByPrincipalName(hostile)).as("sessions of the hostile name").containsOnlyKeys(session);
		assertThat(second.findByPrincipalName(similar)).as("sessions of a name one space longer").containsOnlyKeys(other);
		assertThat(second.findByPrincipalName("")).as("sessions of the empty name").isEmpty();
	}

	@Test
	void otherIndexNamesFindNothing() {
		SwitchableSessionRepository front = newInstance();
		String user = uniqueUser();
		logIn(front, user);
		assertThat(front.findByIndexNameAndIndexValue("color", user)).as("sessions by another index").isEmpty();
	}

	@Test
	void sessionsLoggedInDuringAnOutageAreFoundLocallyAndMergedIntoTheStoreOnRecovery() {
		SwitchableSessionRepository first = newInstance();
		SwitchableSessionRepository second = newInstance();
		String user = uniqueUser();
		String shared = logIn(second, user);
		first.switchToLocal();
		String duringOutage = logIn(first, user);
		assertThat(first.findByPrincipalName(user)).as("sessions on the instance whose store is down")
			.containsOnlyKeys(duringOutage);
		first.switchTo("store", newStore(first));
		assertThat(first.findByPrincipalName(user)).as("sessions once the store is back, merged")
			.containsOnlyKeys(shared, duringOutage);
		assertThat(second.findByPrincipalName(user)).as("sessions seen from the other instance after the merge")
			.containsOnlyKeys(shared, duringOutage);
	}

	/**
	 * Log a user in as Spring Security does: an anonymous session first (a CSRF token), then a
	 * changed id and the principal in the session.
	 * @return the session id after the login
	 */
	protected String logIn(SwitchableSessionRepository front, String user) {
		Session anonymous = front.createSession();
		anonymous.setAttribute("csrf", "token");
		front.save(anonymous);
		Session session = front.findById(anonymous.getId());
		session.changeSessionId();
		session.setAttribute(PRINCIPAL, user);
		front.save(session);
		return session.getId();
	}

	private static String uniqueUser() {
		return "user-" + UUID.randomUUID();
	}


}
