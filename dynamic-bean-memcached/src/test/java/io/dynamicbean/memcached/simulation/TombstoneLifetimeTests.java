/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.simulation;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.dynamicbean.memcached.MemcachedCluster;
import io.dynamicbean.memcached.MemcachedSession;
import io.dynamicbean.memcached.MemcachedSessionRepository;
import io.dynamicbean.memcached.support.HashRing;
import io.dynamicbean.memcached.support.MemcachedNode;
import io.dynamicbean.memcached.support.NodeHealth;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long a logout's tombstone lives (W2 in {@code docs/consistency.md}): as long as the session
 * it replaces could, not only the default max inactive interval.
 */
class TombstoneLifetimeTests {

	private final SimulatedTime time = new SimulatedTime();

	private final List<SimulatedNode> nodes = new ArrayList<>();

	private final MemcachedCluster cluster;

	private final MemcachedSessionRepository repository;

	private final HashRing ring;

	TombstoneLifetimeTests() {
		List<MemcachedNode> seen = new ArrayList<>();
		List<String> addresses = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			SimulatedNode node = new SimulatedNode("n" + i, this.time, DataSize.ofMegabytes(1).toBytes(), (line) -> {
			});
			this.nodes.add(node);
			seen.add(node);
			addresses.add("node" + i + ":11211");
		}
		Clock clock = this.time.clock(Duration.ZERO);
		this.cluster = MemcachedCluster.withManualProbes(addresses, seen, clock);
		this.ring = new HashRing(addresses);
		this.repository = new MemcachedSessionRepository(this.cluster);
		this.repository.setClock(clock);
		this.time.advance(MemcachedCluster.SETTLING_TIME.plusSeconds(1));
	}

	@Test
	void logoutOfASessionLongerThanTheDefaultIntervalOutlivesItsCopyOnANodeThatMissedIt() {
		MemcachedSession session = this.repository.createSession();
		session.setMaxInactiveInterval(Duration.ofHours(8));
		session.setAttribute("login", "alice");
		this.repository.save(session);
		int backup = backupNodeOf(session.getId());
		this.nodes.get(backup).freeze();
		assertThat(this.repository.findById(session.getId())).as("the session, read while its backup is frozen")
			.isNotNull();
		assertThat(this.cluster.getNodes().get(backup).state()).isNotEqualTo(NodeHealth.State.ANSWERING);
		this.repository.deleteById(session.getId());
		this.time.advance(Duration.ofMinutes(31));
		this.nodes.get(backup).resume();
		this.time.inBackground(this.cluster::probeFailingNodes);
		assertThat(this.cluster.getNodes().get(backup).state()).isEqualTo(NodeHealth.State.ANSWERING);
		assertThat(this.repository.findById(session.getId()))
			.as("the session 31 minutes after its logout, its backup back with the copy it held").isNull();
	}

	/**
	 * The backup node of a session: the second node of its key's ring order.
	 */
	private int backupNodeOf(String id) {
		return this.ring.nodesFor(this.repository.getKeyPrefix() + id).get(1);
	}

}
