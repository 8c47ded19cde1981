/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.simulation;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import io.dynamicbean.memcached.MemcachedCluster;
import io.dynamicbean.memcached.MemcachedSession;
import io.dynamicbean.memcached.MemcachedSessionRepository;
import io.dynamicbean.memcached.support.MemcachedNode;
import io.dynamicbean.memcached.support.NodeHealth;
import io.dynamicbean.memcached.support.NodeReply;
import io.dynamicbean.memcached.support.RevisionTranscoder.Item;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the settle window costs: the node operations of the same requests (a read, then a save of
 * one change) on 3 and on 10 nodes, after one node failed and answered again, counted on the
 * simulated nodes. The window's extra reads and copies go to a constant number of nodes, and only
 * for the sessions that may live on the node that changed, so its cost does not grow with the
 * number of nodes.
 */
class SettleWindowCostTests {

	private static final Log logger = LogFactory.getLog(SettleWindowCostTests.class);

	private static final int SESSIONS = 60;

	@Test
	void settledRequestsCostTheSameOperationsOnThreeAndTenNodes() {
		Cost three = measure(3);
		Cost ten = measure(10);
		assertThat(ten.settled()).as("operations of %d settled requests on 10 nodes", SESSIONS)
			.isEqualTo(three.settled());
	}

	@Test
	void settledRequestCostsFourOperations() {
		// a read: gets on the primary and the backup at once; a save: cas on the primary sent with a
		// cas of the same bytes on the backup, with the CAS value the read found there
		assertThat(measure(3).settled()).as("operations of %d settled requests on 3 nodes", SESSIONS)
			.isEqualTo(4L * SESSIONS);
	}

	@Test
	void settleWindowCostsMoreThanSettledRequests() {
		Cost three = measure(3);
		assertThat(three.settling()).as("operations of %d requests while 3 nodes settle", SESSIONS)
			.isGreaterThan(three.settled());
	}

	@Test
	void settleWindowCostsNoMoreOnTenNodesThanOnThree() {
		Cost three = measure(3);
		Cost ten = measure(10);
		assertThat(ten.settling()).as("operations of %d requests while 10 nodes settle (3 nodes: %s)", SESSIONS, three)
			.isLessThanOrEqualTo(three.settling());
	}

	/**
	 * Count the node operations of one read and one save per session: once while one node's
	 * return unsettles the cluster, once after the window.
	 */
	private static Cost measure(int nodeCount) {
		SimulatedTime time = new SimulatedTime();
		List<SimulatedNode> nodes = new ArrayList<>();
		List<MemcachedNode> counted = new ArrayList<>();
		List<String> addresses = new ArrayList<>();
		long[] operations = new long[1];
		for (int i = 0; i < nodeCount; i++) {
			SimulatedNode node = new SimulatedNode("n" + i, time, DataSize.ofMegabytes(1).toBytes(), (line) -> {
			});
			nodes.add(node);
			counted.add(new CountingNode(node, operations));
			addresses.add("node" + i + ":11211");
		}
		Clock clock = time.clock(Duration.ZERO);
		MemcachedCluster cluster = MemcachedCluster.withManualProbes(addresses, counted, clock);
		MemcachedSessionRepository repository = new MemcachedSessionRepository(cluster);
		repository.setClock(clock);
		SplittableRandom ids = new SplittableRandom(7);
		repository.setSessionIdGenerator(
				() -> String.format(Locale.ROOT, "%016x%016x", ids.nextLong(), ids.nextLong()));
		time.advance(MemcachedCluster.SETTLING_TIME.plusSeconds(1));
		List<String> sessions = new ArrayList<>();
		for (int i = 0; i < SESSIONS; i++) {
			MemcachedSession session = repository.createSession();
			session.setAttribute("a", "v0");
			repository.save(session);
			sessions.add(session.getId());
		}
		nodes.get(0).freeze();
		for (int i = 0; i < SESSIONS && cluster.getNodes().get(0).state() == NodeHealth.State.ANSWERING; i++) {
			repository.findById(sessions.get(i));
		}
		assertThat(cluster.getNodes().get(0).state()).as("node 0 after a read timed out on it")
			.isNotEqualTo(NodeHealth.State.ANSWERING);
		nodes.get(0).resume();
		time.inBackground(cluster::probeFailingNodes);
		assertThat(cluster.getNodes().get(0).state()).as("node 0 after a probe").isEqualTo(NodeHealth.State.ANSWERING);
		long settling = requests(repository, sessions, operations, "v1");
		time.advance(MemcachedCluster.SETTLING_TIME.plusSeconds(1));
		long settled = requests(repository, sessions, operations, "v2");
		logger.info(nodeCount + " nodes, " + SESSIONS + " requests: " + settling + " node operations while one node's "
				+ "return settles, " + settled + " after");
		return new Cost(settling, settled);
	}

	private static long requests(MemcachedSessionRepository repository, List<String> sessions, long[] operations,
			String value) {
		long before = operations[0];
		for (String id : sessions) {
			MemcachedSession session = repository.findById(id);
			assertThat(session).as("session %s", id).isNotNull();
			session.setAttribute("a", value);
			repository.save(session);
		}
		return operations[0] - before;
	}

	/**
	 * Node operations of the same requests while one node's change settles, and after.
	 */
	private record Cost(long settling, long settled) {
	}

	/**
	 * Counts the operations requests send to a node (probes, which are {@code get}s, aside).
	 */
	private record CountingNode(MemcachedNode node, long[] operations) implements ForwardingNode {

		@Override
		public NodeReply<@Nullable Stored> gets(String key) {
			this.operations[0]++;
			return this.node.gets(key);
		}

		@Override
		public NodeReply<Written> add(String key, int expiry, Item item) {
			this.operations[0]++;
			return this.node.add(key, expiry, item);
		}

		@Override
		public NodeReply<Written> cas(String key, long cas, int expiry, Item item) {
			this.operations[0]++;
			return this.node.cas(key, cas, expiry, item);
		}

		@Override
		public NodeReply<Written> set(String key, int expiry, Item item) {
			this.operations[0]++;
			return this.node.set(key, expiry, item);
		}

		@Override
		public NodeReply<Boolean> delete(String key) {
			this.operations[0]++;
			return this.node.delete(key);
		}

	}

}
