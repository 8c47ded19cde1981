/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for two requests of one session at once (a page's parallel XHRs) and for a logout racing
 * a request in flight, through a {@link SwitchableSessionRepository}: each request keeps its
 * changes, and a deleted session stays deleted, whichever store serves them.
 */
class ConcurrentRequestsTests {

	private final LocalSessionRepository local = new LocalSessionRepository();

	private final SwitchableSessionRepository repository = new SwitchableSessionRepository(this.local);

	private final FlakySessionRepository remote = new FlakySessionRepository()
		.withSessionIdGenerator(this.repository.getSessionIdGenerator());

	@Test
	void twoRequestsChangingDifferentAttributesKeepBothInTheLocalStore() {
		String id = createdAndSaved();

		changeBothAtOnce(id);

		SwitchableSession session = this.repository.findById(id);
		assertThat(session.<String>getAttribute("a")).as("attribute set by the first request").isEqualTo("A");
		assertThat(session.<String>getAttribute("b")).as("attribute set by the second request").isEqualTo("B");
	}

	@Test
	void twoRequestsChangingDifferentAttributesKeepBothWhileTheRemoteStoreFails() {
		this.repository.switchTo("memcached", this.remote);
		String id = createdAndSaved();
		this.remote.down();

		changeBothAtOnce(id);

		SwitchableSession session = this.repository.findById(id);
		assertThat(this.repository.storeOf(session)).isEqualTo("local");
		assertThat(session.<String>getAttribute("a")).as("attribute set by the first request").isEqualTo("A");
		assertThat(session.<String>getAttribute("b")).as("attribute set by the second request").isEqualTo("B");
	}

	@Test
	void aRemovalRacingAnUpdateKeepsBothInTheLocalStore() {
		String id = createdAndSaved();
		SwitchableSession first = this.repository.findById(id);
		SwitchableSession second = this.repository.findById(id);

		first.removeAttribute("user");
		second.setAttribute("b", "B");
		this.repository.save(first);
		this.repository.save(second);

		SwitchableSession session = this.repository.findById(id);
		assertThat(session.getAttributeNames()).containsExactly("b");
	}

	@Test
	void aRequestSavedAfterALogoutDoesNotBringTheSessionBackFromTheRemoteStore() {
		this.repository.switchTo("memcached", this.remote);
		String id = createdAndSaved();
		SwitchableSession inFlight = this.repository.findById(id);

		this.repository.deleteById(id);
		inFlight.setAttribute("late", "write");

		assertThatNoException().as("saving a session deleted meanwhile").isThrownBy(() -> this.repository.save(inFlight));
		assertThat(this.repository.findById(id)).as("session after the logout").isNull();
		assertThat(this.remote.sessions()).isEmpty();
		assertThat(this.local.findById(id)).as("local copy after the logout").isNull();
	}

	@Test
	void aRequestSavedAfterALogoutDoesNotBringTheSessionBackFromTheLocalStore() {
		String id = createdAndSaved();
		SwitchableSession inFlight = this.repository.findById(id);

		this.repository.deleteById(id);
		inFlight.setAttribute("late", "write");
		this.repository.save(inFlight);

		assertThat(this.repository.findById(id)).as("session after the logout").isNull();
	}

	@Test
	void aRefusalToSaveADeletedSessionIsNotAnOutage() {
		AtomicInteger failures = new AtomicInteger();
		this.repository.setRemoteFailureHandler((store, ex) -> failures.incrementAndGet());
		this.repository.switchTo("memcached", this.remote);
		String id = createdAndSaved();
		SwitchableSession inFlight = this.repository.findById(id);
		this.remote.deleteById(id);

		inFlight.setAttribute("late", "write");
		this.repository.save(inFlight);

		assertThat(failures).as("remote failures reported").hasValue(0);
		assertThat(this.repository.isRemoteActive()).isTrue();
		SwitchableSession next = this.repository.createSession();
		this.repository.save(next);
		assertThat(this.repository.storeOf(next)).as("store of the next new session").isEqualTo("memcached");
	}

	@Test
	void aRequestChangingTheIdOfASessionDeletedMeanwhileLeavesNoSession() {
		this.repository.switchTo("memcached", this.remote);
		String id = createdAndSaved();
		SwitchableSession inFlight = this.repository.findById(id);

		this.repository.deleteById(id);
		String newId = inFlight.changeSessionId();
		this.repository.save(inFlight);

		assertThat(this.repository.findById(id)).as("old id").isNull();
		assertThat(this.repository.findById(newId)).as("new id").isNull();
	}

	private String createdAndSaved() {
		SwitchableSession session = this.repository.createSession();
		session.setAttribute("user", "alice");
		this.repository.save(session);
		return session.getId();
	}

	private void changeBothAtOnce(String id) {
		SwitchableSession first = this.repository.findById(id);
		SwitchableSession second = this.repository.findById(id);
		first.setAttribute("a", "A");
		second.setAttribute("b", "B");
		this.repository.save(first);
		this.repository.save(second);
	}

	@Test
	void aLogoutDuringAnOutageIsAppliedToTheRemoteStoreWhenItAnswersAgain() {
		this.repository.switchTo("memcached", this.remote);
		String id = createdAndSaved();
		this.remote.down();

		this.repository.deleteById(id);
		assertThat(this.remote.sessions()).as("remote store during the outage").containsKey(id);
		this.remote.up();

		assertThat(this.repository.findById(id)).as("session after the logout").isNull();
		assertThat(this.remote.sessions()).as("remote store once it answers again").doesNotContainKey(id);
	}

	@Test
	void aLogoutDuringAnOutageIsAppliedWhenTheStoreIsSwitchedInAgain() {
		this.repository.switchTo("memcached", this.remote);
		String id = createdAndSaved();
		SwitchableSession inFlight = this.repository.findById(id);
		this.repository.switchToLocal();

		this.repository.deleteById(id);
		this.repository.switchTo("memcached", this.remote);
		inFlight.setAttribute("late", "write");
		this.repository.save(inFlight);

		assertThat(this.remote.sessions()).as("remote store after the switch-in").doesNotContainKey(id);
		assertThat(this.repository.findById(id)).as("session after the logout").isNull();
	}

	@Test
	void aRequestInFlightOverALogoutAndAnOutageDoesNotBringTheSessionBack() {
		this.repository.switchTo("memcached", this.remote);
		String id = createdAndSaved();
		SwitchableSession inFlight = this.repository.findById(id);
		this.repository.deleteById(id);
		this.remote.down();

		inFlight.setAttribute("late", "write");
		this.repository.save(inFlight);

		assertThat(this.repository.findById(id)).as("session during the outage").isNull();
		this.remote.restartEmpty();
		this.remote.up();
		assertThat(this.repository.findById(id)).as("session once the store answers again, empty").isNull();
		assertThat(this.remote.sessions()).as("remote store").doesNotContainKey(id);
	}

}
