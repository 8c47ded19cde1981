/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.simulation;

import io.dynamicbean.memcached.support.MemcachedNode;
import io.dynamicbean.memcached.support.NodeReply;
import io.dynamicbean.memcached.support.RevisionTranscoder.Item;
import org.jspecify.annotations.Nullable;

/**
 * A node that passes every operation to another: decorators of the per-node seam override only
 * what they change.
 */
public interface ForwardingNode extends MemcachedNode {

	/**
	 * Return the node operations are passed to.
	 */
	MemcachedNode node();

	@Override
	default NodeReply<@Nullable Stored> gets(String key) {
		return node().gets(key);
	}

	@Override
	default NodeReply<Written> add(String key, int expiry, Item item) {
		return node().add(key, expiry, item);
	}

	@Override
	default NodeReply<Written> cas(String key, long cas, int expiry, Item item) {
		return node().cas(key, cas, expiry, item);
	}

	@Override
	default NodeReply<Written> set(String key, int expiry, Item item) {
		return node().set(key, expiry, item);
	}

	@Override
	default NodeReply<Boolean> delete(String key) {
		return node().delete(key);
	}

	@Override
	default NodeReply<byte @Nullable []> get(String key) {
		return node().get(key);
	}

	@Override
	default long getOperationTimeoutMillis() {
		return node().getOperationTimeoutMillis();
	}

	@Override
	default void shutdown() {
		node().shutdown();
	}

}
