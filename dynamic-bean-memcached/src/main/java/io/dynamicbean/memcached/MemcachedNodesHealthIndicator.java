/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.util.Assert;

/**
 * Health of the memcached nodes of the session store, contributed as {@code memcachedNodes}.
 * Always {@code UP}: the application serves sessions whether memcached answers or not (from its
 * local store when no node does). The details give each node's state and since when, and how many
 * backup writes were dropped:
 *
 * <pre class="code">
 * "details": {
 *   "nodes": {
 *     "10.0.0.1:11211": { "state": "ANSWERING", "since": "2026-01-01T10:00:00Z" },
 *     "10.0.0.2:11211": { "state": "DOWN", "since": "2026-01-01T10:05:12Z" }
 *   },
 *   "droppedBackupWrites": 0
 * }
 * </pre>
 *
 * While the {@code memcachedClient} dynamic bean is missing (no node answered), the details say
 * so instead.
 */
public class MemcachedNodesHealthIndicator implements HealthIndicator {

	private final ObjectProvider<MemcachedCluster> cluster;

	/**
	 * Create an indicator.
	 * @param cluster the memcached cluster, looked up at each health check (it comes and goes)
	 */
	public MemcachedNodesHealthIndicator(ObjectProvider<MemcachedCluster> cluster) {
		Assert.notNull(cluster, "cluster must not be null");
		this.cluster = cluster;
	}

	@Override
	public Health health() {
		MemcachedCluster current = this.cluster.getIfAvailable();
		if (current == null) {
			return Health.up()
				.withDetail("nodes", "no node answered when last tried: sessions are served from the local store")
				.build();
		}
		Map<String, Map<String, Object>> nodes = new LinkedHashMap<>();
		current.getNodes()
			.forEach((node) -> nodes.put(node.address(), Map.of("state", node.state(), "since", node.since())));
		return Health.up()
			.withDetail("nodes", nodes)
			.withDetail("droppedBackupWrites", current.getDroppedBackupWrites())
			.build();
	}

}
