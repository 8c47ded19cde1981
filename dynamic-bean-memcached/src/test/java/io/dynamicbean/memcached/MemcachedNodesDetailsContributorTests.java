/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.dynamicbean.DynamicBeanState;
import io.dynamicbean.DynamicBeanStatus;
import io.dynamicbean.memcached.support.NodeHealth;
import io.dynamicbean.memcached.support.NodePinningConnectionFactory;
import net.spy.memcached.ConnectionFactoryBuilder;
import net.spy.memcached.MemcachedClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MemcachedNodesDetailsContributor}.
 */
class MemcachedNodesDetailsContributorTests {

	private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

	private final DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();

	private final MemcachedNodesDetailsContributor contributor = new MemcachedNodesDetailsContributor(
			this.beanFactory.getBeanProvider(MemcachedCluster.class));

	@Test
	void showsEachNodesAddressStateAndSinceWhenInConfigurationOrder() throws Exception {
		MemcachedClient client = new MemcachedClient(
				new NodePinningConnectionFactory(new ConnectionFactoryBuilder().setDaemon(true).build()),
				List.of(new InetSocketAddress("127.0.0.1", freePort()), new InetSocketAddress("127.0.0.1", freePort())));
		MemcachedCluster cluster = MemcachedCluster.ofNodesOf(List.of("10.0.0.2:11211", "10.0.0.1:11211"), client,
				Clock.fixed(NOW, ZoneOffset.UTC));
		try {
			cluster.health(0).downAtStart("connection refused");
			this.beanFactory.registerSingleton(MemcachedClientGenerator.BEAN_NAME, cluster);
			Map<String, Object> details = this.contributor.details(status(MemcachedCluster.class, DynamicBeanState.ACTIVE));
			assertThat(details).containsEntry("droppedBackupWrites", 0L);
			assertThat(details.get("nodes")).as("nodes, in configuration order")
				.isEqualTo(List.of(Map.of("address", "10.0.0.2:11211", "state", NodeHealth.State.DOWN, "since", NOW),
						Map.of("address", "10.0.0.1:11211", "state", NodeHealth.State.ANSWERING, "since", NOW)));
		}
		finally {
			cluster.shutdown();
		}
	}

	@Test
	void saysNothingWhileTheClusterIsMissing() {
		assertThat(this.contributor.details(status(MemcachedCluster.class, DynamicBeanState.FAILED)))
			.as("details of the missing memcachedClient bean")
			.isEmpty();
	}

	@Test
	void saysNothingOfOtherBeans() {
		assertThat(this.contributor.details(status(String.class, DynamicBeanState.ACTIVE)))
			.as("details of a bean that is not a memcached cluster")
			.isEmpty();
	}

	private static DynamicBeanStatus status(Class<?> type, DynamicBeanState state) {
		return new DynamicBeanStatus(MemcachedClientGenerator.BEAN_NAME, type, "memcachedClientGenerator", state, 1,
				0, null, null, (state == DynamicBeanState.ACTIVE) ? NOW : null, null, Duration.ofSeconds(30),
				List.of());
	}

	private static int freePort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
