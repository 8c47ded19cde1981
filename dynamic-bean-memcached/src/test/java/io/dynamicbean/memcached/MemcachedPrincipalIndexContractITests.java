/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import io.dynamicbean.memcached.support.HashRing;

import io.dynamicbean.session.SwitchableSessionRepository;
import io.dynamicbean.session.contract.PrincipalIndexContractTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The principal index of the front over {@link MemcachedSessionRepository}s on three real memcached
 * nodes, one client per instance: entries are merged by compare-and-set and have a backup copy like
 * sessions.
 */
class MemcachedPrincipalIndexContractITests extends PrincipalIndexContractTests {

	private static final String PREFIX = MemcachedSessionRepository.DEFAULT_KEY_PREFIX;

	@RegisterExtension
	static final MemcachedServer node0 = new MemcachedServer();

	@RegisterExtension
	static final MemcachedServer node1 = new MemcachedServer();

	@RegisterExtension
	static final MemcachedServer node2 = new MemcachedServer();

	private final List<MemcachedServer> nodes = List.of(node0, node1, node2);

	private final List<MemcachedCluster> clients = new ArrayList<>();

	@BeforeEach
	void startNodes() {
		for (MemcachedServer node : this.nodes) {
			node.start();
			node.flush();
		}
	}

	@AfterEach
	void shutdownClients() {
		this.clients.forEach(MemcachedCluster::shutdown);
	}

	@Override
	protected SessionRepository<? extends Session> newStore(SwitchableSessionRepository front) {
		MemcachedClientGenerator generator = new MemcachedClientGenerator();
		generator.setServers(addresses());
		generator.setOperationTimeout(Duration.ofMillis(500));
		MemcachedCluster client;
		try {
			client = generator.generate();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		this.clients.add(client);
		MemcachedSessionRepository store = new MemcachedSessionRepository(client);
		store.setSessionIdGenerator(front.getSessionIdGenerator());
		return store;
	}

	@Test
	void entryHasABackupCopyThatServesWhenItsNodeDies() throws Exception {
		SwitchableSessionRepository first = newInstance();
		SwitchableSessionRepository second = newInstance();
		String user = "user-" + UUID.randomUUID();
		String session = logIn(first, user);
		String entryKey = PREFIX + entryId(user);
		List<Integer> order = new HashRing(addresses()).nodesFor(entryKey);
		await("backup copy of the index entry").atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.nodes.get(order.get(1)).get(entryKey)).isNotNull());
		this.nodes.get(order.get(0)).kill();
		await("sessions found with the entry's node dead").atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(second.findByPrincipalName(user)).containsOnlyKeys(session));
	}

	private List<String> addresses() {
		return this.nodes.stream().map(MemcachedServer::getAddress).toList();
	}

	/**
	 * The entry id as the front derives it, written out here so that the key format is asserted.
	 */
	private static String entryId(String user) throws Exception {
		byte[] hash = MessageDigest.getInstance("SHA-256").digest(user.getBytes(StandardCharsets.UTF_8));
		return "dynamic-bean.ix-" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 20);
	}

}
