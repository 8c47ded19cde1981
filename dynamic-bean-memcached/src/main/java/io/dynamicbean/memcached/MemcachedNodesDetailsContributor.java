/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.dynamicbean.DynamicBeanStatus;
import io.dynamicbean.autoconfigure.actuate.DynamicBeanDetailsContributor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.Assert;

/**
 * Adds each memcached node's state to the {@code memcachedClient} bean in the
 * {@code dynamicbeans} actuator endpoint, in configuration order, with how many backup writes
 * were dropped:
 *
 * <pre class="code">
 * "details": {
 *   "nodes": [
 *     { "address": "10.0.0.1:11211", "state": "ANSWERING", "since": "2026-01-01T10:00:00Z" },
 *     { "address": "10.0.0.2:11211", "state": "DOWN", "since": "2026-01-01T10:05:12Z" }
 *   ],
 *   "droppedBackupWrites": 0
 * }
 * </pre>
 *
 * While the bean is missing (no node answered when last tried) there are no details: the bean's
 * {@code lastFailure} names each node and why it did not answer.
 */
public class MemcachedNodesDetailsContributor implements DynamicBeanDetailsContributor {

	private final ObjectProvider<MemcachedCluster> cluster;

	/**
	 * Create a contributor.
	 * @param cluster the memcached cluster, looked up at each request (it comes and goes)
	 */
	public MemcachedNodesDetailsContributor(ObjectProvider<MemcachedCluster> cluster) {
		Assert.notNull(cluster, "cluster must not be null");
		this.cluster = cluster;
	}

	@Override
	public Map<String, Object> details(DynamicBeanStatus status) {
		if (!MemcachedCluster.class.isAssignableFrom(status.beanType()) || !status.isActive()) {
			return Map.of();
		}
		MemcachedCluster current = this.cluster.getIfAvailable();
		if (current == null) {
			return Map.of();
		}
		List<Map<String, Object>> nodes = current.getNodes().stream().map(MemcachedNodesDetailsContributor::node).toList();
		return Map.of("nodes", nodes, "droppedBackupWrites", current.getDroppedBackupWrites());
	}

	private static Map<String, Object> node(MemcachedCluster.NodeStatus node) {
		Map<String, Object> description = new LinkedHashMap<>();
		description.put("address", node.address());
		description.put("state", node.state());
		description.put("since", node.since());
		return description;
	}

}
