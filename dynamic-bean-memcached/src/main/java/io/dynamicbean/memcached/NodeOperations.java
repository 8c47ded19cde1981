/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.dynamicbean.memcached.MemcachedStoreListener.Operation;
import io.dynamicbean.memcached.MemcachedStoreListener.Outcome;
import io.dynamicbean.memcached.support.MemcachedNode;
import io.dynamicbean.memcached.support.MemcachedNode.Stored;
import io.dynamicbean.memcached.support.MemcachedNode.Written;
import io.dynamicbean.memcached.support.RevisionTranscoder.Item;
import net.spy.memcached.ops.OperationException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Single operations on the nodes of a {@link MemcachedCluster}, the lowest layer of the session
 * store: each is started on one node and waited for within one operation timeout; a node that
 * does not answer is recorded as failed in the cluster and the wait throws
 * {@link MemcachedUnavailableException}, a node that refuses throws {@link MemcachedStoreException},
 * and every outcome is told to the store listener. Knows nothing of sessions: the
 * {@link ReplicaSet} above decides which nodes to ask and what to write.
 */
final class NodeOperations {

	private static final Log logger = LogFactory.getLog(NodeOperations.class);

	private final MemcachedCluster cluster;

	private final long timeoutMillis;

	private volatile MemcachedStoreListener listener = MemcachedStoreListener.NONE;

	NodeOperations(MemcachedCluster cluster) {
		this.cluster = cluster;
		this.timeoutMillis = cluster.getOperationTimeoutMillis();
	}

	void setStoreListener(MemcachedStoreListener listener) {
		this.listener = listener;
	}

	/**
	 * The deadline of a read sent with the primary's: the same, and at least a quarter of a
	 * timeout more than now, so that an answer that arrived while the primary was waited for, but
	 * that a loaded I/O thread has not delivered yet, does not count as a failure.
	 */
	long backupDeadline(long deadline) {
		return Math.max(deadline, this.cluster.nanoTime() + TimeUnit.MILLISECONDS.toNanos(this.timeoutMillis) / 4);
	}

	/**
	 * The deadline of an operation started now: one operation timeout away.
	 */
	long deadline() {
		return this.cluster.nanoTime() + TimeUnit.MILLISECONDS.toNanos(this.timeoutMillis);
	}

	/**
	 * Start a {@code gets} of a key on a node, without waiting for it.
	 */
	Pending<@Nullable Stored> startGets(int node, String key) {
		return begin(node, Operation.GETS, key, (client) -> client.gets(key));
	}

	/**
	 * Start a {@code cas} of an item on a node, without waiting for it.
	 */
	Pending<Written> startCas(int node, String key, long cas, int expiry, Item item) {
		return begin(node, Operation.CAS, key, (client) -> client.cas(key, cas, expiry, item));
	}

	/**
	 * Start a {@code set} of an item on a node, without waiting for it.
	 */
	Pending<Written> startSet(int node, String key, int expiry, Item item) {
		return begin(node, Operation.SET, key, (client) -> client.set(key, expiry, item));
	}

	/**
	 * Start an operation on a node, without waiting for it.
	 */
	private <T> Pending<T> begin(int node, Operation operation, String key,
			Function<MemcachedNode, ? extends Future<T>> start) {
		long started = this.cluster.nanoTime();
		try {
			return new Pending<>(node, operation, key, start.apply(this.cluster.node(node)), null, started);
		}
		catch (RuntimeException ex) {
			return new Pending<>(node, operation, key, null, ex, started);
		}
	}

	/**
	 * Wait for an operation until a deadline at most one operation timeout away.
	 * @return the result
	 * @throws MemcachedUnavailableException if the node did not answer
	 * @throws MemcachedStoreException if the node answered with an error
	 */
	<T> @Nullable T finish(Pending<T> pending, long deadline) {
		Future<T> future = pending.future();
		if (future == null) {
			completed(pending, Outcome.ERROR);
			throw failure(pending.node(), pending.what() + " could not be started" + where(pending) + ": "
					+ pending.startFailure(), pending.startFailure());
		}
		try {
			T result = future.get(Math.max(deadline - this.cluster.nanoTime(), 0), TimeUnit.NANOSECONDS);
			completed(pending, Outcome.SUCCESS);
			return result;
		}
		catch (TimeoutException ex) {
			completed(pending, Outcome.TIMEOUT);
			future.cancel(false);
			throw failure(pending.node(), pending.what() + " timed out after " + this.timeoutMillis + " ms"
					+ where(pending), ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof OperationException refused) {
				completed(pending, Outcome.REFUSED);
				throw new MemcachedStoreException("Memcached refused the " + pending.operation().tag() + " of '"
						+ pending.key() + "'" + where(pending) + ": " + refused.getMessage(), refused);
			}
			completed(pending, Outcome.ERROR);
			throw failure(pending.node(), pending.what() + " failed" + where(pending) + ": " + ex.getCause(),
					ex.getCause());
		}
		catch (InterruptedException ex) {
			completed(pending, Outcome.ERROR);
			Thread.currentThread().interrupt();
			throw failure(pending.node(), "Interrupted during " + pending.what() + where(pending), ex);
		}
		catch (RuntimeException ex) {
			completed(pending, Outcome.ERROR);
			throw failure(pending.node(), pending.what() + " failed" + where(pending) + ": " + ex, ex);
		}
	}

	/**
	 * Tell the store listener how an operation went.
	 */
	private void completed(Pending<?> pending, Outcome outcome) {
		try {
			this.listener.onOperation(this.cluster.health(pending.node()).getAddress(), pending.operation(),
					outcome, this.cluster.nanoTime() - pending.started());
		}
		catch (RuntimeException ex) {
			logger.debug("Memcached store listener " + this.listener + " threw; ignored", ex);
		}
	}

	private String where(Pending<?> pending) {
		return " (node " + this.cluster.health(pending.node()).getAddress() + ")";
	}

	/**
	 * Record that a node failed.
	 */
	private MemcachedUnavailableException failure(int node, String message, @Nullable Throwable cause) {
		this.cluster.failed(node, message);
		return new MemcachedUnavailableException(message, cause);
	}

	/**
	 * An operation started on a node, or that could not be started.
	 */
	record Pending<T>(int node, Operation operation, String key, @Nullable Future<T> future,
			@Nullable RuntimeException startFailure, long started) {

		String what() {
			return "Memcached " + this.operation.tag() + " of '" + this.key + "'";
		}

	}

	/**
	 * Read an item from a node, waiting for it.
	 * @return the item, {@code null} when the node does not hold it
	 */
	@Nullable Stored gets(int node, String key) {
		return finish(startGets(node, key), deadline());
	}

	/**
	 * Delete an item from a node, waiting for it.
	 */
	void delete(int node, String key) {
		finish(begin(node, Operation.DELETE, key, (client) -> client.delete(key)), deadline());
	}

	/**
	 * Send a delete of an item to a node without waiting for it, nor telling the listener.
	 */
	void sendDelete(int node, String key) {
		this.cluster.node(node).delete(key);
	}

	Written add(int node, String key, int expiry, Item item) {
		Written added = finish(begin(node, Operation.ADD, key, (client) -> client.add(key, expiry, item)), deadline());
		if (added == null || added.status() == Written.Status.NOT_FOUND || added.status() == Written.Status.REFUSED) {
			throw refused(key, item.data(), added);
		}
		return added;
	}

	Written cas(int node, String key, long cas, int expiry, Item item) {
		Written written = finish(startCas(node, key, cas, expiry, item), deadline());
		if (written == null || written.status() == Written.Status.REFUSED) {
			throw refused(key, item.data(), written);
		}
		return written;
	}

	void set(int node, String key, int expiry, Item item) {
		Written set = finish(startSet(node, key, expiry, item), deadline());
		if (set == null || !set.isStored()) {
			throw refused(key, item.data(), set);
		}
	}

	static MemcachedStoreException refused(String key, byte[] data, @Nullable Written written) {
		return new MemcachedStoreException("Memcached refused to store session '" + key + "' (" + data.length
				+ " bytes): " + ((written != null) ? written.message() : "no answer"), null);
	}

}
