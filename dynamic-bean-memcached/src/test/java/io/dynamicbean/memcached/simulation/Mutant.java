/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.simulation;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.dynamicbean.memcached.support.MemcachedNode;
import io.dynamicbean.memcached.support.MemcachedNode.Written;
import io.dynamicbean.memcached.support.NodeReply;
import io.dynamicbean.memcached.support.RevisionTranscoder.Item;

/**
 * A deliberately broken store, made by changing what its operations do on the way to the nodes,
 * so that a test can show the simulator catches it.
 */
enum Mutant {

	/** The store as it is. */
	NONE,

	/** Writes blindly: every {@code cas} is a {@code set}. */
	BLIND_WRITES,

	/**
	 * Skips the tombstone: a logout's write (revision 0, only tombstones of logouts have it)
	 * deletes the item instead.
	 */
	NO_TOMBSTONE;

	MemcachedNode apply(MemcachedNode node) {
		return (this == NONE) ? node : new MutatedNode(node, this);
	}

	private record MutatedNode(MemcachedNode node, Mutant mutant) implements ForwardingNode {

		@Override
		public NodeReply<Written> cas(String key, long cas, int expiry, Item item) {
			return (this.mutant == BLIND_WRITES) ? this.node.set(key, expiry, item) : this.node.cas(key, cas, expiry, item);
		}

		@Override
		public NodeReply<Written> set(String key, int expiry, Item item) {
			if (this.mutant == NO_TOMBSTONE && item.revision() == 0) {
				NodeReply<Boolean> deleted = this.node.delete(key);
				return new Deleted(deleted);
			}
			return this.node.set(key, expiry, item);
		}

	}

	/**
	 * A delete answered as a stored write.
	 */
	private record Deleted(NodeReply<Boolean> deleted) implements NodeReply<Written> {

		@Override
		public void whenDone(Runnable action) {
			this.deleted.whenDone(action);
		}

		@Override
		public boolean cancel(boolean mayInterruptIfRunning) {
			return this.deleted.cancel(mayInterruptIfRunning);
		}

		@Override
		public boolean isCancelled() {
			return this.deleted.isCancelled();
		}

		@Override
		public boolean isDone() {
			return this.deleted.isDone();
		}

		@Override
		public Written get() throws InterruptedException, ExecutionException {
			this.deleted.get();
			return Written.stored(0);
		}

		@Override
		public Written get(long timeout, TimeUnit unit)
				throws InterruptedException, ExecutionException,
				TimeoutException {
			this.deleted.get(timeout, unit);
			return Written.stored(0);
		}

	}

}
