/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.dynamicbean.memcached.simulation.ForwardingNode;
import io.dynamicbean.memcached.simulation.SimulatedNode;
import io.dynamicbean.memcached.simulation.SimulatedTime;
import io.dynamicbean.memcached.support.MemcachedNode;
import io.dynamicbean.memcached.support.NodeReply;
import io.dynamicbean.memcached.support.RevisionTranscoder.Item;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A walk of requests through the memcached store crosses each layer once, downward: every
 * operation that reaches a node was called from the write policy, through the replica set, then
 * the operations on one node or the cluster, and no layer is entered again below another (no
 * callback into a layer above). Checked on the stack of each operation of the per-node seam, on
 * simulated nodes, for the requests of a session's life while the nodes settle and after.
 */
class StoreLayerWalkTests {

	/** The layers, top down, by the classes that make them. */
	private static final Map<String, String> LAYERS = Map.of(MemcachedSessionRepository.class.getName(),
			"1 write policy", MemcachedSession.class.getName(), "1 write policy", ReplicaSet.class.getName(),
			"2 replica set", NodeOperations.class.getName(), "3 node operations", MemcachedCluster.class.getName(),
			"4 cluster");

	@Test
	void eachNodeOperationOfARequestCrossesEachLayerOnceDownward() {
		SimulatedTime time = new SimulatedTime();
		Clock clock = time.clock(Duration.ZERO);
		List<List<String>> walks = new ArrayList<>();
		List<SimulatedNode> nodes = new ArrayList<>();
		List<MemcachedNode> walked = new ArrayList<>();
		List<String> addresses = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			SimulatedNode node = new SimulatedNode("n" + i, time, DataSize.ofMegabytes(1).toBytes(), (line) -> {
			});
			nodes.add(node);
			walked.add(new WalkRecordingNode(node, walks));
			addresses.add("node" + i + ":11211");
		}
		MemcachedCluster cluster = MemcachedCluster.withManualProbes(addresses, walked, clock);
		MemcachedSessionRepository repository = new MemcachedSessionRepository(cluster);
		repository.setClock(clock);
		repository.setMaxItemSize(DataSize.ofKilobytes(64));
		lifeOfASession(repository);
		time.advance(MemcachedCluster.SETTLING_TIME.plusSeconds(1));
		lifeOfASession(repository);
		nodes.get(1).freeze();
		lifeOfASession(repository);
		assertThat(walks).as("node operations recorded").hasSizeGreaterThan(20);
		assertThat(walks).allSatisfy((walk) -> {
			assertThat(walk).as("layers crossed, top down").startsWith("1 write policy", "2 replica set");
			assertThat(walk).as("layers crossed, top down").isSorted().doesNotHaveDuplicates();
			assertThat(walk.get(walk.size() - 1)).as("layer that reached the node").isIn("3 node operations",
					"4 cluster");
		});
	}

	/**
	 * A new session, read, changed, given a new id, too large to save, then deleted.
	 */
	private static void lifeOfASession(MemcachedSessionRepository repository) {
		MemcachedSession created = repository.createSession();
		created.setAttribute("a", "v0");
		repository.save(created);
		MemcachedSession found = repository.findById(created.getId());
		assertThat(found).as("session %s read back", created.getId()).isNotNull();
		found.setAttribute("a", "v1");
		repository.save(found);
		found.changeSessionId();
		repository.save(found);
		MemcachedSession again = repository.findById(found.getId());
		assertThat(again).as("session read under its new id").isNotNull();
		again.setAttribute("large", new byte[128 * 1024]);
		assertThatExceptionOfType(SessionTooLargeException.class).isThrownBy(() -> repository.save(again));
		repository.deleteById(found.getId());
		assertThat(repository.findById(found.getId())).as("session read after its deletion").isNull();
	}

	/**
	 * Records, for each operation, the layers on the stack, outermost first, each run of frames of
	 * one layer counted once.
	 */
	private record WalkRecordingNode(MemcachedNode node, List<List<String>> walks) implements ForwardingNode {

		@Override
		public NodeReply<@Nullable Stored> gets(String key) {
			record();
			return this.node.gets(key);
		}

		@Override
		public NodeReply<Written> add(String key, int expiry, Item item) {
			record();
			return this.node.add(key, expiry, item);
		}

		@Override
		public NodeReply<Written> cas(String key, long cas, int expiry, Item item) {
			record();
			return this.node.cas(key, cas, expiry, item);
		}

		@Override
		public NodeReply<Written> set(String key, int expiry, Item item) {
			record();
			return this.node.set(key, expiry, item);
		}

		@Override
		public NodeReply<Boolean> delete(String key) {
			record();
			return this.node.delete(key);
		}

		private void record() {
			List<String> innermostFirst = StackWalker.getInstance()
				.walk((frames) -> frames.map((frame) -> topLevel(frame.getClassName()))
					.filter(LAYERS::containsKey)
					.map(LAYERS::get)
					.toList());
			List<String> walk = new ArrayList<>();
			for (int i = innermostFirst.size() - 1; i >= 0; i--) {
				String layer = innermostFirst.get(i);
				if (walk.isEmpty() || !walk.get(walk.size() - 1).equals(layer)) {
					walk.add(layer);
				}
			}
			this.walks.add(walk);
		}

		private static String topLevel(String className) {
			int nested = className.indexOf('$');
			return (nested < 0) ? className : className.substring(0, nested);
		}

	}

}
