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
import io.dynamicbean.memcached.MemcachedSessionRepository;
import io.dynamicbean.memcached.support.HashRing;
import io.dynamicbean.memcached.support.MemcachedNode;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generations of the memcached nodes' data, which the session front records with its fallback
 * copies (W6 in {@code docs/consistency.md}): shared by every instance, new when a node restarts
 * empty, and seen by an instance once its client reconnected or when it reads them again.
 */
class NodeGenerationTests {

	private static final String SESSION = "0123456789abcdef0123";

	private final SimulatedTime time = new SimulatedTime();

	private final List<SimulatedNode> nodes = new ArrayList<>();

	private final List<String> addresses = new ArrayList<>();

	private final MemcachedCluster cluster;

	private final MemcachedSessionRepository repository;

	private final MemcachedCluster otherCluster;

	private final MemcachedSessionRepository otherInstance;

	NodeGenerationTests() {
		for (int i = 0; i < 3; i++) {
			this.nodes.add(new SimulatedNode("n" + i, this.time, DataSize.ofMegabytes(1).toBytes(), (line) -> {
			}));
			this.addresses.add("node" + i + ":11211");
		}
		this.cluster = cluster(1);
		this.repository = new MemcachedSessionRepository(this.cluster);
		this.otherCluster = cluster(2);
		this.otherInstance = new MemcachedSessionRepository(this.otherCluster);
	}

	private MemcachedCluster cluster(long seed) {
		Clock clock = this.time.clock(Duration.ZERO);
		return MemcachedCluster.withManualProbes(this.addresses, List.<MemcachedNode>copyOf(this.nodes), clock,
				new SplittableRandom(seed));
	}

	@Test
	void everyInstanceSeesTheGenerationsTheFirstOneWrote() {
		String generations = this.repository.dataGenerationOf(SESSION);

		assertThat(generations).isNotNull();
		assertThat(this.otherInstance.dataGenerationOf(SESSION)).isEqualTo(generations);
	}

	@Test
	void aHomeNodeRestartedEmptyHasANewGenerationOnceTheClientReconnected() {
		String before = this.repository.dataGenerationOf(SESSION);
		String other = sessionOffNode(primaryOf(SESSION));
		String otherBefore = this.repository.dataGenerationOf(other);

		this.nodes.get(primaryOf(SESSION)).restart();
		assertThat(this.repository.dataGenerationOf(SESSION)).as("as last read, before the reconnect")
			.isEqualTo(before);
		this.cluster.reconnected(primaryOf(SESSION));

		assertThat(this.repository.dataGenerationOf(SESSION)).isNotEqualTo(before);
		assertThat(this.repository.dataGenerationOf(other)).as("a session off the restarted node").isEqualTo(otherBefore);
	}

	@Test
	void aRestartNotNoticedYetIsSeenWhenTheGenerationsAreReadAgain() {
		String before = this.otherInstance.dataGenerationOf(SESSION);

		this.nodes.get(backupOf(SESSION)).restart();

		assertThat(this.otherInstance.readDataGenerationOf(SESSION)).isNotEqualTo(before);
		assertThat(this.otherInstance.dataGenerationOf(SESSION)).isEqualTo(this.repository.dataGenerationOf(SESSION));
	}

	@Test
	void malformedIdsHaveNoGeneration() {
		assertThat(this.repository.dataGenerationOf("short")).isNull();
		assertThat(this.repository.readDataGenerationOf("../etc/passwd")).isNull();
	}

	private int primaryOf(String id) {
		return new HashRing(this.addresses).nodesFor(this.repository.getKeyPrefix() + id).get(0);
	}

	private int backupOf(String id) {
		return new HashRing(this.addresses).nodesFor(this.repository.getKeyPrefix() + id).get(1);
	}

	/**
	 * A session id whose home nodes do not include the given node.
	 */
	private String sessionOffNode(int node) {
		HashRing ring = new HashRing(this.addresses);
		for (int i = 0; i < 1000; i++) {
			String id = String.format("%020d", i);
			if (!ring.nodesFor(this.repository.getKeyPrefix() + id).subList(0, 2).contains(node)) {
				return id;
			}
		}
		throw new IllegalStateException("no session id off node " + node);
	}

}
