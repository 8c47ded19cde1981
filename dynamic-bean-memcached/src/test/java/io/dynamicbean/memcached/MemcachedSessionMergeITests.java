/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.dynamicbean.session.SessionInvalidatedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.core.userdetails.User;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration tests of how {@link MemcachedSessionRepository} merges concurrent saves, and what
 * each kind of request costs in memcached commands, counted by memcached's own statistics.
 */
class MemcachedSessionMergeITests {

	private static final Duration MAX_INACTIVE = Duration.ofMinutes(30);

	private static final Instant START = Instant.now();

	@RegisterExtension
	static final MemcachedServer memcached = new MemcachedServer();

	private MemcachedCluster client;

	private MemcachedSessionRepository repository;

	@BeforeEach
	void startMemcached() throws Exception {
		memcached.start();
		memcached.flush();
		MemcachedClientGenerator generator = new MemcachedClientGenerator();
		generator.setServers(List.of(memcached.getAddress()));
		generator.setOperationTimeout(Duration.ofSeconds(5));
		this.client = generator.generate();
		this.repository = new MemcachedSessionRepository(this.client);
		this.repository.setDefaultMaxInactiveInterval(MAX_INACTIVE);
		at(START);
	}

	@AfterEach
	void shutdownClient() {
		this.client.shutdown();
	}

	@Test
	void aRequestThatChangesItsSessionCostsOneGetsAndOneCas() {
		String id = saved();
		Commands before = Commands.now();
		MemcachedSession found = this.repository.findById(id);
		found.setLastAccessedTime(START);
		found.setAttribute("count", 2);
		this.repository.save(found);
		Commands spent = Commands.now().minus(before);
		assertThat(spent.gets).as("gets").isEqualTo(1);
		assertThat(spent.casHits).as("successful cas").isEqualTo(1);
		assertThat(spent.total()).as("memcached commands").isEqualTo(2);
		assertThat(this.repository.findById(id).<Integer>getAttribute("count")).isEqualTo(2);
	}

	@Test
	void aRequestThatOnlyReadsItsSessionCostsOneGets() {
		String id = saved();
		at(START.plus(Duration.ofMinutes(5)));
		Commands before = Commands.now();
		MemcachedSession found = this.repository.findById(id);
		found.setLastAccessedTime(START.plus(Duration.ofMinutes(5)));
		this.repository.save(found);
		Commands spent = Commands.now().minus(before);
		assertThat(spent.total()).as("memcached commands").isEqualTo(1);
		assertThat(this.repository.findById(id).getLastAccessedTime()).as("stored last access, not refreshed")
			.isEqualTo(START);
	}

	@Test
	void aLoginWrittenInCompactValuesCostsTheSameRoundTrips() {
		this.repository.setCompactValues(true);
		MemcachedSession session = this.repository.createSession();
		session.setLastAccessedTime(START);
		SecurityContextImpl login = new SecurityContextImpl(UsernamePasswordAuthenticationToken
			.authenticated(new User("user1", "", AuthorityUtils.createAuthorityList("ROLE_USER")), null,
					AuthorityUtils.createAuthorityList("ROLE_USER")));
		session.setAttribute("SPRING_SECURITY_CONTEXT", login);
		session.setAttribute("count", 1);
		this.repository.save(session);
		Commands before = Commands.now();
		MemcachedSession changed = this.repository.findById(session.getId());
		changed.setLastAccessedTime(START);
		changed.setAttribute("count", 2);
		this.repository.save(changed);
		Commands afterChange = Commands.now();
		MemcachedSession read = this.repository.findById(session.getId());
		read.setLastAccessedTime(START);
		this.repository.save(read);
		assertThat(afterChange.minus(before).total()).as("memcached commands of a change").isEqualTo(2);
		assertThat(Commands.now().minus(afterChange).total()).as("memcached commands of a read").isEqualTo(1);
		assertThat(read.<SecurityContextImpl>getAttribute("SPRING_SECURITY_CONTEXT")).isEqualTo(login);
		assertThat(read.<Integer>getAttribute("count")).isEqualTo(2);
	}

	@Test
	void refreshesTheLastAccessWithOneCasOnceLessThanHalfTheIntervalIsLeft() {
		String id = saved();
		Instant later = START.plus(MAX_INACTIVE.dividedBy(2)).plusSeconds(1);
		at(later);
		Commands before = Commands.now();
		MemcachedSession found = this.repository.findById(id);
		found.setLastAccessedTime(later);
		this.repository.save(found);
		Commands spent = Commands.now().minus(before);
		assertThat(spent.gets).as("gets").isEqualTo(1);
		assertThat(spent.casHits).as("successful cas").isEqualTo(1);
		assertThat(spent.total()).as("memcached commands").isEqualTo(2);
		assertThat(this.repository.findById(id).getLastAccessedTime()).isEqualTo(later);
		at(START.plus(MAX_INACTIVE).plusSeconds(60));
		assertThat(this.repository.findById(id)).as("session past its first expiry, refreshed meanwhile").isNotNull();
	}

	@Test
	void aCopySavedAgainCostsOneCasWithTheCasValueOfItsOwnWrite() {
		String id = saved();
		MemcachedSession found = this.repository.findById(id);
		found.setAttribute("count", 2);
		this.repository.save(found);
		found.setAttribute("count", 3);
		Commands before = Commands.now();
		this.repository.save(found);
		Commands spent = Commands.now().minus(before);
		assertThat(spent.casHits).as("successful cas").isEqualTo(1);
		assertThat(spent.total()).as("memcached commands").isEqualTo(1);
		assertThat(this.repository.findById(id).<Integer>getAttribute("count")).isEqualTo(3);
	}

	@Test
	void aConflictingSaveReadsAgainAndKeepsBothChanges() {
		String id = saved();
		MemcachedSession first = this.repository.findById(id);
		MemcachedSession second = this.repository.findById(id);
		first.setAttribute("a", 1);
		this.repository.save(first);
		second.setAttribute("b", 2);
		Commands before = Commands.now();
		this.repository.save(second);
		Commands spent = Commands.now().minus(before);
		assertThat(spent.casBadValues).as("cas refused as the item changed").isEqualTo(1);
		assertThat(spent.casHits).as("successful cas").isEqualTo(1);
		MemcachedSession found = this.repository.findById(id);
		assertThat(found.<Integer>getAttribute("a")).isEqualTo(1);
		assertThat(found.<Integer>getAttribute("b")).isEqualTo(2);
	}

	@Test
	void manyRequestsRacingOnOneSessionEachKeepTheirAttribute() throws Exception {
		String id = saved();
		int requests = 20;
		ExecutorService threads = Executors.newFixedThreadPool(requests);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int i = 0; i < requests; i++) {
				String name = "attribute-" + i;
				done.add(threads.submit(() -> {
					start.await();
					MemcachedSession found = this.repository.findById(id);
					found.setAttribute(name, name);
					this.repository.save(found);
					return null;
				}));
			}
			start.countDown();
			for (Future<?> request : done) {
				request.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			threads.shutdownNow();
		}
		MemcachedSession found = this.repository.findById(id);
		for (int i = 0; i < requests; i++) {
			assertThat(found.<String>getAttribute("attribute-" + i)).as("attribute of request " + i)
				.isEqualTo("attribute-" + i);
		}
	}

	@Test
	void copiesChangingTheIdAtOnceLeaveExactlyOneNewId() throws Exception {
		String id = saved();
		int copies = 6;
		List<MemcachedSession> found = new ArrayList<>();
		for (int i = 0; i < copies; i++) {
			found.add(this.repository.findById(id));
		}
		ExecutorService threads = Executors.newFixedThreadPool(copies);
		CountDownLatch start = new CountDownLatch(1);
		List<String> newIds = new ArrayList<>();
		try {
			List<Future<Boolean>> saved = new ArrayList<>();
			for (MemcachedSession copy : found) {
				newIds.add(copy.changeSessionId());
				saved.add(threads.submit(() -> {
					start.await();
					try {
						this.repository.save(copy);
						return true;
					}
					catch (SessionInvalidatedException ex) {
						return false;
					}
				}));
			}
			start.countDown();
			long winners = 0;
			for (Future<Boolean> save : saved) {
				winners += save.get(30, TimeUnit.SECONDS) ? 1 : 0;
			}
			assertThat(winners).as("saves that succeeded").isEqualTo(1);
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(this.repository.findById(id)).as("session under its original id").isNull();
		assertThat(newIds.stream().filter((newId) -> this.repository.findById(newId) != null))
			.as("new ids that resolve")
			.hasSize(1);
	}

	@Test
	void aSavedSessionThatExpiredIsNotFound() {
		String id = saved();
		MemcachedSession found = this.repository.findById(id);
		found.setLastAccessedTime(START.minus(MAX_INACTIVE).minusSeconds(1));
		found.setAttribute("count", 3);
		this.repository.save(found);
		assertThat(this.repository.findById(id)).isNull();
	}

	private String saved() {
		MemcachedSession session = this.repository.createSession();
		session.setLastAccessedTime(START);
		session.setAttribute("count", 1);
		this.repository.save(session);
		return session.getId();
	}

	private void at(Instant instant) {
		this.repository.setClock(Clock.fixed(instant, ZoneOffset.UTC));
	}

	/**
	 * Memcached's command counters.
	 */
	private record Commands(long gets, long sets, long touches, long casHits, long casBadValues) {

		static Commands now() {
			return new Commands(memcached.stat("cmd_get"), memcached.stat("cmd_set"), memcached.stat("cmd_touch"),
					memcached.stat("cas_hits"), memcached.stat("cas_badval"));
		}

		Commands minus(Commands before) {
			return new Commands(this.gets - before.gets, this.sets - before.sets, this.touches - before.touches,
					this.casHits - before.casHits, this.casBadValues - before.casBadValues);
		}

		/** Round trips: every get, storage command (cas included) and touch. */
		long total() {
			return this.gets + this.sets + this.touches;
		}

	}

}
