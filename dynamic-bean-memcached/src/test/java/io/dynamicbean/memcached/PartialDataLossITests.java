/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dynamicbean.memcached.support.HashRing;
import io.dynamicbean.memcached.support.NodeHealth;
import io.dynamicbean.session.LocalSessionRepository;
import io.dynamicbean.session.SessionIds;
import io.dynamicbean.session.SwitchableSessionRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.session.Session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The switchable front over a cluster of three real memcached nodes when the two home nodes of a
 * session lose their data one after the other while the third keeps the front's epoch marker
 * (window W6 of docs/consistency.md): the front must take those sessions for lost, not for deleted
 * on purpose, and restore them from its fallback copies.
 */
class PartialDataLossITests {

	private static final String PREFIX = MemcachedSessionRepository.DEFAULT_KEY_PREFIX;

	private static final String MARKER_KEY = PREFIX + SessionIds.INTERNAL_PREFIX + "store-epoch";

	private static final int SESSIONS = 60;

	@RegisterExtension
	static final MemcachedServer node0 = new MemcachedServer();

	@RegisterExtension
	static final MemcachedServer node1 = new MemcachedServer();

	@RegisterExtension
	static final MemcachedServer node2 = new MemcachedServer();

	private final List<MemcachedServer> nodes = List.of(node0, node1, node2);

	private final List<MemcachedCluster> clusters = new ArrayList<>();

	private MemcachedCluster cluster;

	private SwitchableSessionRepository front;

	private SwitchableSessionRepository otherInstance;

	@BeforeEach
	void startCluster() throws Exception {
		for (MemcachedServer node : this.nodes) {
			node.start();
			node.flush();
		}
		this.front = instance();
		this.cluster = this.clusters.get(0);
		this.otherInstance = instance();
	}

	private SwitchableSessionRepository instance() throws Exception {
		MemcachedClientGenerator generator = new MemcachedClientGenerator();
		generator.setServers(this.nodes.stream().map(MemcachedServer::getAddress).toList());
		generator.setOperationTimeout(Duration.ofMillis(500));
		MemcachedCluster cluster = generator.generate();
		cluster.setSettlingTime(Duration.ZERO);
		this.clusters.add(cluster);
		SwitchableSessionRepository front = new SwitchableSessionRepository(new LocalSessionRepository());
		MemcachedSessionRepository store = new MemcachedSessionRepository(cluster);
		store.setSessionIdGenerator(front.getSessionIdGenerator());
		front.switchTo("memcached", store);
		return front;
	}

	@AfterEach
	void shutdownClusters() {
		this.clusters.forEach(MemcachedCluster::shutdown);
	}

	@Test
	void sessionsWhoseTwoHomeNodesRestartedEmptyAreRestoredFromTheFallbackCopiesAndLogoutsStick() {
		HashRing ring = new HashRing(this.nodes.stream().map(MemcachedServer::getAddress).toList());
		List<Integer> markerOrder = ring.nodesFor(MARKER_KEY);
		int keeper = markerOrder.get(0);
		int stopped = markerOrder.get(1);
		int restarted = markerOrder.get(2);
		Map<String, String> users = login();
		List<String> homedOnLosers = users.keySet()
			.stream()
			.filter((id) -> Set.copyOf(ring.nodesFor(PREFIX + id).subList(0, 2)).equals(Set.of(stopped, restarted)))
			.toList();
		assertThat(homedOnLosers).as("sessions whose home nodes both lose their data").hasSizeGreaterThan(1);
		String loggedOut = homedOnLosers.get(0);
		this.otherInstance.deleteById(loggedOut);
		users.remove(loggedOut);

		byte[] marker = this.nodes.get(keeper).get(MARKER_KEY);
		assertThat(marker).as("the epoch marker on the third node").isNotNull();
		this.nodes.get(stopped).kill();
		this.nodes.get(restarted).kill();
		this.nodes.get(restarted).start();
		this.nodes.get(stopped).start();
		requestAll(users);
		awaitAnswering(restarted);
		awaitAnswering(stopped);
		requestAll(users);

		assertThat(this.front.findById(loggedOut)).as("session logged out through the other instance, of which "
				+ "this one holds a copy").isNull();
		assertThat(this.nodes.get(keeper).get(MARKER_KEY)).as("the epoch marker survived on the third node")
			.isEqualTo(marker);
		for (String id : homedOnLosers.subList(1, homedOnLosers.size())) {
			assertThat(this.nodes.get(stopped).get(PREFIX + id) != null
					|| this.nodes.get(restarted).get(PREFIX + id) != null)
				.as("session %s back on a home node", id)
				.isTrue();
		}
	}

	private Map<String, String> login() {
		Map<String, String> users = new LinkedHashMap<>();
		for (int i = 0; i < SESSIONS; i++) {
			Session session = this.front.createSession();
			session.setAttribute("user", "user-" + i);
			this.front.save(session);
			users.put(session.getId(), "user-" + i);
		}
		return users;
	}

	/**
	 * One request of each session, which reads it and changes an attribute, as a user's request
	 * through the session filter does; every user must still be logged in.
	 */
	private void requestAll(Map<String, String> users) {
		users.forEach((id, user) -> {
			Session session = this.front.findById(id);
			assertThat(session).as("session of %s", user).isNotNull();
			assertThat((String) session.getAttribute("user")).as("login of %s", user).isEqualTo(user);
			Integer hits = session.getAttribute("hits");
			session.setAttribute("hits", (hits != null) ? hits + 1 : 1);
			this.front.save(session);
		});
	}

	private void awaitAnswering(int node) {
		await("node " + node + " answering").atMost(Duration.ofSeconds(30))
			.until(() -> this.cluster.getNodes().get(node).state() == NodeHealth.State.ANSWERING);
	}

}
