/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.simulation;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.dynamicbean.memcached.MemcachedCluster;
import io.dynamicbean.memcached.MemcachedSession;
import io.dynamicbean.memcached.MemcachedSessionRepository;
import io.dynamicbean.memcached.support.MemcachedNode;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bound of window W5 of {@code docs/consistency.md}: an instance whose clock runs ahead writes
 * a future last-access time, and another instance that serves the session's next requests skips
 * the refresh of its expiry while more than half the interval seems left. With a skew below half
 * the max inactive interval the refresh still comes in time; above it, the session expires one
 * interval after the ahead instance's write, although it was used since.
 */
class ClockSkewTests {

	private static final Duration INTERVAL = Duration.ofMinutes(30);

	private final SimulatedTime time = new SimulatedTime();

	private final List<MemcachedNode> nodes = new ArrayList<>();

	ClockSkewTests() {
		for (int i = 0; i < 3; i++) {
			this.nodes.add(new SimulatedNode("n" + i, this.time, DataSize.ofMegabytes(1).toBytes(), (line) -> {
			}));
		}
		this.time.advance(MemcachedCluster.SETTLING_TIME.plusSeconds(1));
	}

	@Test
	void aSkewBelowHalfTheIntervalKeepsAnActiveSessionAlive() {
		assertThat(minutesServedAfterAWriteAhead(Duration.ofMinutes(10))).isEqualTo(60);
	}

	@Test
	void aSkewAboveHalfTheIntervalExpiresAnActiveSessionOneIntervalAfterTheWriteAhead() {
		assertThat(minutesServedAfterAWriteAhead(Duration.ofMinutes(20))).isEqualTo(30);
	}

	/**
	 * Write a session on an instance whose clock runs ahead, then serve one request of it a minute
	 * on an instance on time, for an hour.
	 * @return the minutes it was served
	 */
	private int minutesServedAfterAWriteAhead(Duration skew) {
		MemcachedSessionRepository ahead = instance(skew, 1);
		MemcachedSessionRepository onTime = instance(Duration.ZERO, 2);
		MemcachedSession session = ahead.createSession();
		session.setMaxInactiveInterval(INTERVAL);
		session.setAttribute("login", "alice");
		ahead.save(session);
		for (int minute = 1; minute <= 60; minute++) {
			this.time.advance(Duration.ofMinutes(1));
			MemcachedSession found = onTime.findById(session.getId());
			if (found == null) {
				return minute - 1;
			}
			found.setLastAccessedTime(this.time.clock(Duration.ZERO).instant());
			onTime.save(found);
		}
		return 60;
	}

	private MemcachedSessionRepository instance(Duration skew, long seed) {
		Clock clock = this.time.clock(skew);
		List<String> addresses = List.of("node0:11211", "node1:11211", "node2:11211");
		MemcachedSessionRepository repository = new MemcachedSessionRepository(
				MemcachedCluster.withManualProbes(addresses, this.nodes, clock, new SplittableRandom(seed)));
		repository.setClock(clock);
		return repository;
	}

}
