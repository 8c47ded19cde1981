/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.dynamicbean.memcached.support.NodeHealth;
import io.dynamicbean.memcached.support.NodePinningConnectionFactory;
import net.spy.memcached.ConnectionFactoryBuilder;
import net.spy.memcached.MemcachedClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MemcachedNodesHealthIndicator}.
 */
class MemcachedNodesHealthIndicatorTests {

	private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

	private final DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();

	private final MemcachedNodesHealthIndicator indicator = new MemcachedNodesHealthIndicator(
			this.beanFactory.getBeanProvider(MemcachedCluster.class));

	@Test
	void isUpAndSaysSoWhileNoClusterIsGenerated() {
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails().get("nodes").toString()).contains("served from the local store");
	}

	@Test
	void showsEachNodesStateAndSinceWhen() throws Exception {
		MemcachedClient client = new MemcachedClient(
				new NodePinningConnectionFactory(new ConnectionFactoryBuilder().setDaemon(true).build()),
				List.of(new InetSocketAddress("127.0.0.1", freePort()), new InetSocketAddress("127.0.0.1", freePort())));
		MemcachedCluster cluster = MemcachedCluster.ofNodesOf(List.of("10.0.0.1:11211", "10.0.0.2:11211"), client,
				Clock.fixed(NOW, ZoneOffset.UTC));
		try {
			cluster.health(1).downAtStart("connection refused");
			this.beanFactory.registerSingleton("memcachedClient", cluster);
			Health health = this.indicator.health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("droppedBackupWrites", 0L);
			assertThat(health.getDetails().get("nodes")).isEqualTo(Map.of("10.0.0.1:11211",
					Map.of("state", NodeHealth.State.ANSWERING, "since", NOW), "10.0.0.2:11211",
					Map.of("state", NodeHealth.State.DOWN, "since", NOW)));
		}
		finally {
			cluster.shutdown();
		}
	}

	private static int freePort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
