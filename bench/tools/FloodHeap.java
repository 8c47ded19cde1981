/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */

import java.lang.ref.Reference;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.dynamicbean.session.LocalSessionRepository;
import io.dynamicbean.session.SwitchableSession;
import io.dynamicbean.session.SwitchableSessionRepository;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.csrf.DefaultCsrfToken;

/**
 * Heap under a flood of anonymous sessions, in process: a switchable front with no remote store
 * (every store down), LOGINS logged-in sessions, then RATE anonymous sessions per second for
 * SECONDS of simulated time (a clock moved by hand, no sleeping), each holding a CSRF token as
 * Spring Security stores it on a GET of /login; the logged-in users make a request every minute.
 * Prints the sessions held, the local store's estimate, the heap the store holds (heap used after
 * System.gc() with the store, minus without it), and how many logins survived.
 *
 * <p>Run through bench/flood-heap.sh. Arguments: RATE SECONDS LOGINS MAX_SESSIONS MAX_BYTES.
 */
public final class FloodHeap {

	public static void main(String[] args) {
		int rate = Integer.parseInt(args[0]);
		int seconds = Integer.parseInt(args[1]);
		int logins = Integer.parseInt(args[2]);
		int maxSessions = Integer.parseInt(args[3]);
		long maxBytes = Long.parseLong(args[4]);
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

		HandClock clock = new HandClock(Instant.parse("2026-01-01T00:00:00Z"));
		LocalSessionRepository local = new LocalSessionRepository(maxSessions);
		local.setMaxBytes(maxBytes);
		local.setClock(clock);
		SwitchableSessionRepository front = new SwitchableSessionRepository(local);

		List<String> loginIds = new ArrayList<>();
		for (int i = 0; i < logins; i++) {
			SwitchableSession session = front.createSession();
			User user = new User("user-" + i, "", AuthorityUtils.createAuthorityList("ROLE_USER"));
			session.setAttribute("SPRING_SECURITY_CONTEXT", new SecurityContextImpl(
					UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities())));
			front.save(session);
			loginIds.add(session.getId());
		}
		long total = (long) rate * seconds;
		Duration step = Duration.ofSeconds(1).dividedBy(rate);
		long started = System.nanoTime();
		for (long i = 0; i < total; i++) {
			clock.advance(step);
			SwitchableSession session = front.createSession();
			session.setAttribute("org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository.CSRF_TOKEN",
					new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", UUID.randomUUID().toString()));
			front.save(session);
			if (i % (rate * 60L) == 0) {
				touch(front, loginIds, clock.instant());
			}
		}
		long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
		long survived = 0;
		for (String id : loginIds) {
			survived += (front.findById(id) != null) ? 1 : 0;
		}
		long full = heapAfterGc(memory);
		int held = local.size();
		long estimated = local.getEstimatedBytes();
		long evicted = local.getEvictionCount();
		long loginsEvicted = local.getEstablishedEvictionCount();
		Reference.reachabilityFence(front);
		front = null;
		local = null;
		long heap = full - heapAfterGc(memory);
		System.out.printf("anonymous sessions created  %,d (%,d/s for %,d s simulated, %,d ms real)%n", total, rate,
				seconds, elapsedMillis);
		System.out.printf("bounds                      max-sessions %,d, max-bytes %,d%n", maxSessions, maxBytes);
		System.out.printf("sessions held               %,d (evicted %,d, logged-in evicted %,d)%n", held, evicted,
				loginsEvicted);
		System.out.printf("logins surviving            %,d of %,d%n", survived, logins);
		System.out.printf("bytes estimated             %,d (%,d per session)%n", estimated, estimated / Math.max(held, 1));
		System.out.printf("heap held by the store      %,d (%,d per session)%n", heap, heap / Math.max(held, 1));
		System.out.printf("heap / estimate             %.2f%n", (double) heap / estimated);
		if (held == 0 || survived < logins) {
			System.out.println("TARGET MISSED: every login kept, some sessions held");
			System.exit(1);
		}
	}

	/**
	 * Keep logged-in users active, as their requests would: each touch is a look-up and a save.
	 */
	private static void touch(SwitchableSessionRepository front, List<String> ids, Instant now) {
		for (String id : ids) {
			SwitchableSession session = front.findById(id);
			if (session != null) {
				session.setLastAccessedTime(now);
				front.save(session);
			}
		}
	}

	private static long heapAfterGc(MemoryMXBean memory) {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return memory.getHeapMemoryUsage().getUsed();
	}

	private static final class HandClock extends Clock {

		private Instant now;

		HandClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
