/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.dynamicbean.session.web.RequestSessions;
import io.dynamicbean.session.web.SwitchableSessionRequestFilter;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.session.MapSession;
import org.springframework.session.Session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link SwitchableSessionRequestFilter} and the request memory of
 * {@link SwitchableSessionRepository}: at most one remote {@code findById} and one remote
 * {@code save} per request, and nothing remembered beyond the request.
 */
class SwitchableSessionRequestFilterTests {

	private final LocalSessionRepository local = new LocalSessionRepository();

	private final SwitchableSessionRepository repository = new SwitchableSessionRepository(this.local);

	private final FlakySessionRepository remote = new FlakySessionRepository()
		.withSessionIdGenerator(this.repository.getSessionIdGenerator());

	private final SwitchableSessionRequestFilter filter = new SwitchableSessionRequestFilter();

	@Test
	void answersTheSecondFindByIdOfARequestFromMemory() throws Exception {
		String id = savedRemoteSession("count", 1);
		AtomicReference<Session> first = new AtomicReference<>();
		AtomicReference<Session> second = new AtomicReference<>();

		inRequest((request) -> {
			first.set(this.repository.findById(id));
			second.set(this.repository.findById(id));
		});

		assertThat(this.remote.findByIds()).as("remote findById calls").isEqualTo(1);
		assertThat(second.get()).as("second answer").isSameAs(first.get());
	}

	@Test
	void skipsASecondSaveOfAnUnchangedSession() throws Exception {
		String id = savedRemoteSession("count", 1);

		inRequest((request) -> {
			SwitchableSession session = this.repository.findById(id);
			session.setAttribute("count", 2);
			this.repository.save(session);
			this.repository.save(this.repository.findById(id));
		});

		assertThat(this.remote.saves()).as("remote saves").isEqualTo(1);
		assertThat(this.remote.findByIds()).as("remote findById calls").isEqualTo(1);
		assertThat(this.remote.sessions().get(id).<Integer>getAttribute("count")).isEqualTo(2);
	}

	@Test
	void writesASecondSaveOfASessionChangedSinceTheFirst() throws Exception {
		String id = savedRemoteSession("count", 1);

		inRequest((request) -> {
			SwitchableSession session = this.repository.findById(id);
			this.repository.save(session);
			session.setAttribute("late", true);
			this.repository.save(session);
		});

		assertThat(this.remote.saves()).as("remote saves").isEqualTo(2);
		assertThat(this.remote.sessions().get(id).<Boolean>getAttribute("late")).isTrue();
	}

	@Test
	void remembersNothingAcrossRequestsOnTheSameThread() throws Exception {
		String id = savedRemoteSession("count", 1);
		inRequest((request) -> this.repository.save(this.repository.findById(id)));
		MapSession writtenByAnotherInstance = this.remote.findById(id);
		writtenByAnotherInstance.setAttribute("count", 5);
		this.remote.save(writtenByAnotherInstance);
		int findByIdsBefore = this.remote.findByIds();
		AtomicReference<Integer> seen = new AtomicReference<>();

		inRequest((request) -> seen.set(this.repository.findById(id).getAttribute("count")));

		assertThat(seen.get()).as("count seen by the next request").isEqualTo(5);
		assertThat(this.remote.findByIds() - findByIdsBefore).as("remote findById calls of the next request")
			.isEqualTo(1);
	}

	@Test
	void remembersNothingOutsideTheFilter() {
		String id = savedRemoteSession("count", 1);

		this.repository.findById(id);
		this.repository.findById(id);

		assertThat(this.remote.findByIds()).as("remote findById calls").isEqualTo(2);
	}

	@Test
	void looksUpAgainAfterTheStoreWasSwitchedWithinTheRequest() throws Exception {
		String id = savedRemoteSession("count", 1);
		AtomicReference<String> store = new AtomicReference<>();

		inRequest((request) -> {
			this.repository.save(this.repository.findById(id));
			this.repository.switchToLocal();
			store.set(this.repository.storeOf(this.repository.findById(id)));
		});

		assertThat(store.get()).as("store of the session found after the switch").isEqualTo("local");
	}

	@Test
	void knowsTheOldIdIsGoneAfterALogin() throws Exception {
		String id = savedRemoteSession("user", "anonymous");
		AtomicReference<Session> underOldId = new AtomicReference<>();

		inRequest((request) -> {
			SwitchableSession session = this.repository.findById(id);
			session.changeSessionId();
			this.repository.save(session);
			underOldId.set(this.repository.findById(id));
		});

		assertThat(underOldId.get()).as("session under its old id").isNull();
		assertThat(this.remote.findByIds()).as("remote findById calls").isEqualTo(1);
	}

	@Test
	void looksUpADeletedSessionAsMissing() throws Exception {
		String id = savedRemoteSession("user", "alice");
		AtomicReference<Session> afterLogout = new AtomicReference<>();

		inRequest((request) -> {
			this.repository.findById(id);
			this.repository.deleteById(id);
			afterLogout.set(this.repository.findById(id));
		});

		assertThat(afterLogout.get()).as("session after its deletion").isNull();
	}

	@Test
	void tellsTheStoreOfTheRequestsSessionWithoutAskingTheStore() throws Exception {
		String remoteId = savedRemoteSession("count", 1);
		this.repository.switchToLocal();
		SwitchableSession localOnly = this.repository.createSession();
		this.repository.save(localOnly);
		this.repository.switchTo("memcached", this.remote);
		AtomicReference<String> remoteStore = new AtomicReference<>();
		AtomicReference<String> newSessionStore = new AtomicReference<>();
		this.remote.down();

		inRequest((request) -> {
			SwitchableSession found = this.repository.findById(localOnly.getId());
			request.setSession(new MockHttpSession(null, found.getId()));
			remoteStore.set(RequestSessions.storeOf(this.repository, request));
		});
		int callsWhileDown = this.remote.calls();
		this.remote.up();
		inRequest((request) -> {
			this.repository.findById(remoteId);
			request.setSession(new MockHttpSession(null, remoteId));
			remoteStore.set(remoteStore.get() + "," + RequestSessions.storeOf(this.repository, request));
			SwitchableSession created = this.repository.createSession();
			request.setSession(new MockHttpSession(null, created.getId()));
			newSessionStore.set(RequestSessions.storeOf(this.repository, request));
		});

		assertThat(remoteStore.get()).as("stores while the remote store fails, then answers")
			.isEqualTo("local,memcached");
		assertThat(newSessionStore.get()).as("store of a session created in this request").isEqualTo("memcached");
		assertThat(callsWhileDown).as("remote calls of the first request (its findById only)").isEqualTo(1);
		assertThat(this.remote.findByIds()).as("remote findById calls").isEqualTo(2);
	}

	@Test
	void storeOfARequestWithoutSessionIsNull() throws Exception {
		AtomicReference<String> store = new AtomicReference<>("unset");

		inRequest((request) -> store.set(RequestSessions.storeOf(this.repository, request)));

		assertThat(store.get()).isNull();
	}

	@Test
	void storeOfARequestOutsideTheFilterSaysHowToFixIt() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setSession(new MockHttpSession(null, "3f9a1c2e-0000-0000-0000-000000000000"));

		assertThatIllegalStateException().isThrownBy(() -> RequestSessions.storeOf(this.repository, request))
			.withMessageContaining("register a SwitchableSessionRequestFilter");
	}

	@Test
	void runsJustBeforeSpringSessionsFilterByDefault() {
		assertThat(this.filter.getOrder()).isEqualTo(Integer.MIN_VALUE + 49);
	}

	private String savedRemoteSession(String attribute, Object value) {
		this.repository.switchTo("memcached", this.remote);
		MapSession session = this.remote.createSession();
		session.setAttribute(attribute, value);
		this.remote.save(session);
		this.remote.resetCounts();
		return session.getId();
	}

	private void inRequest(Consumer<MockHttpServletRequest> work) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest();
		this.filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> work.accept(request));
	}

}
