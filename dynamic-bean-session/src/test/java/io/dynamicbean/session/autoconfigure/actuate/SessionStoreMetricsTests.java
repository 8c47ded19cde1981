/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session.autoconfigure.actuate;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import io.dynamicbean.session.LocalSessionRepository;
import io.dynamicbean.session.SessionStoreRefusal;
import io.dynamicbean.session.SwitchableSession;
import io.dynamicbean.session.SwitchableSessionRepository;
import io.dynamicbean.session.web.SwitchableSessionRequestFilter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.session.MapSession;
import org.springframework.session.MapSessionRepository;
import org.springframework.session.SessionRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SessionStoreMetrics}.
 */
class SessionStoreMetricsTests {

	private final MeterRegistry registry = new SimpleMeterRegistry();

	private final LocalSessionRepository local = new LocalSessionRepository(3);

	private final SwitchableSessionRepository sessions = new SwitchableSessionRepository(this.local);

	private final SwitchableSessionRequestFilter filter = new SwitchableSessionRequestFilter();

	private final SessionStoreMetrics metrics = new SessionStoreMetrics(this.sessions, this.filter,
			List.of("memcached"), this.registry);

	SessionStoreMetricsTests() {
		this.sessions.addRemoteStoreListener(this.metrics);
		this.metrics.bindTo(this.registry);
	}

	@Test
	void countsLocalOnlySessionsApartFromFallbackCopies() {
		saveNewSession();
		saveNewSession();
		this.sessions.switchTo("memcached", new MapSessionRepository(new ConcurrentHashMap<>()));
		saveNewSession();
		assertThat(gauge("dynamic.bean.session.local.sessions", "kind", "all")).as("sessions held").isEqualTo(3);
		assertThat(gauge("dynamic.bean.session.local.sessions", "kind", "local-only"))
			.as("sessions held only here, not the fallback copy of the one saved to memcached")
			.isEqualTo(2);
		assertThat(this.registry.get("dynamic.bean.session.local.sessions.max").gauge().value()).isEqualTo(3);
		assertThat(this.registry.get("dynamic.bean.session.local.bytes").gauge().value()).isPositive();
		assertThat(this.registry.get("dynamic.bean.session.local.bytes.max").gauge().value())
			.isEqualTo(LocalSessionRepository.DEFAULT_MAX_BYTES);
	}

	@Test
	void countsEvictionsByKind() {
		for (int i = 0; i < 4; i++) {
			saveNewSession();
		}
		SwitchableSession loggedIn = this.sessions.createSession();
		loggedIn.setAttribute("SPRING_SECURITY_CONTEXT", "a login");
		this.sessions.save(loggedIn);
		assertThat(counter("dynamic.bean.session.local.evictions", "kind", "anonymous")).isEqualTo(2);
		assertThat(counter("dynamic.bean.session.local.evictions", "kind", "logged-in")).isZero();
	}

	@Test
	void showsWhichStoreIsActiveAndCountsTheSwitches() {
		assertThat(gauge("dynamic.bean.session.store.active", "store", "memcached")).as("before any switch")
			.isZero();
		this.sessions.switchTo("memcached", new MapSessionRepository(new ConcurrentHashMap<>()));
		assertThat(gauge("dynamic.bean.session.store.active", "store", "memcached")).as("switched in").isEqualTo(1);
		this.sessions.switchToLocal();
		assertThat(gauge("dynamic.bean.session.store.active", "store", "memcached")).as("on the fallback").isZero();
		assertThat(switches("memcached", "remote")).isEqualTo(1);
		assertThat(switches("memcached", "local")).isEqualTo(1);
	}

	@Test
	void showsAStoreFirstKnownWhenSwitchedIn() {
		this.sessions.switchTo("redis", new MapSessionRepository(new ConcurrentHashMap<>()));
		assertThat(gauge("dynamic.bean.session.store.active", "store", "redis")).isEqualTo(1);
		assertThat(gauge("dynamic.bean.session.store.active", "store", "memcached")).isZero();
	}

	@Test
	void countsFailuresAndRefusalsOfTheRemoteStore() {
		this.sessions.switchTo("memcached", new FailingRepository(new IllegalStateException("connection refused")));
		saveNewSession();
		saveNewSession();
		assertThat(counter("dynamic.bean.session.store.failures", "store", "memcached")).isEqualTo(2);
		this.sessions.switchTo("memcached", new FailingRepository(new TooLarge()));
		saveNewSession();
		assertThat(this.registry.get("dynamic.bean.session.store.refusals")
			.tag("store", "memcached")
			.tag("exception", "TooLarge")
			.counter()
			.count()).isEqualTo(1);
		assertThat(counter("dynamic.bean.session.store.failures", "store", "memcached"))
			.as("a refusal is no failure of the store")
			.isEqualTo(2);
	}

	@Test
	void countsWriterRedirectsOfTheRequestFilter() {
		assertThat(this.registry.get("dynamic.bean.session.writer.redirects").functionCounter().count()).isZero();
	}

	@Test
	void countsPendingDeletions() {
		this.sessions.switchTo("memcached", new FailingRepository(new IllegalStateException("connection refused")));
		SwitchableSession session = saveNewSession();
		this.sessions.deleteById(session.getId());
		assertThat(this.registry.get("dynamic.bean.session.local.pending.deletions").gauge().value())
			.as("logout memcached could not be told of")
			.isEqualTo(1);
		assertThat(this.registry.get("dynamic.bean.session.local.pending.deletions.dropped").functionCounter().count())
			.isZero();
	}

	private SwitchableSession saveNewSession() {
		SwitchableSession session = this.sessions.createSession();
		session.setAttribute("cart", "3 items");
		this.sessions.save(session);
		return session;
	}

	private double gauge(String name, String tag, String value) {
		return this.registry.get(name).tag(tag, value).gauge().value();
	}

	private double counter(String name, String tag, String value) {
		FunctionCounter functionCounter = this.registry.find(name).tag(tag, value).functionCounter();
		return (functionCounter != null) ? functionCounter.count()
				: this.registry.get(name).tag(tag, value).counter().count();
	}

	private double switches(String store, String to) {
		return this.registry.get("dynamic.bean.session.store.switches").tag("store", store).tag("to", to).counter()
			.count();
	}

	private static final class FailingRepository implements SessionRepository<MapSession> {

		private final RuntimeException failure;

		private FailingRepository(RuntimeException failure) {
			this.failure = failure;
		}

		@Override
		public MapSession createSession() {
			return new MapSession();
		}

		@Override
		public void save(MapSession session) {
			throw this.failure;
		}

		@Override
		public MapSession findById(String id) {
			throw this.failure;
		}

		@Override
		public void deleteById(String id) {
			throw this.failure;
		}

	}

	private static final class TooLarge extends RuntimeException implements SessionStoreRefusal {

		private TooLarge() {
			super("session too large");
		}

	}

}
