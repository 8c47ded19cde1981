/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import io.dynamicbean.memcached.support.MemcachedNode;
import io.dynamicbean.memcached.support.NodePinningLocator;
import io.dynamicbean.memcached.support.NodeReply;
import io.dynamicbean.memcached.support.RawBytesTranscoder;
import io.dynamicbean.memcached.support.RevisionTranscoder;
import io.dynamicbean.memcached.support.RevisionTranscoder.Item;
import net.spy.memcached.CASResponse;
import net.spy.memcached.CASValue;
import net.spy.memcached.MemcachedClient;
import net.spy.memcached.internal.GetFuture;
import net.spy.memcached.internal.OperationFuture;
import net.spy.memcached.ops.StatusCode;
import org.jspecify.annotations.Nullable;

/**
 * A {@link MemcachedNode} on a spymemcached client: one node of a client connected to every node
 * of the cluster, each operation sent to that node through the client's {@link NodePinningLocator};
 * or, for a cluster of one client, the client itself, its operations placed by the client's own
 * locator. The nodes of one client share it: the first node shuts it down.
 */
final class SpyMemcachedNode implements MemcachedNode {

	private final MemcachedClient client;

	private final @Nullable NodePinningLocator locator;

	private final int index;

	private SpyMemcachedNode(MemcachedClient client, @Nullable NodePinningLocator locator, int index) {
		this.client = client;
		this.locator = locator;
		this.index = index;
	}

	/**
	 * A node standing for a whole client, whatever servers it spreads keys over.
	 */
	static SpyMemcachedNode ofClient(MemcachedClient client) {
		return new SpyMemcachedNode(client, null, 0);
	}

	/**
	 * A node of a client made by a {@link io.dynamicbean.memcached.support.NodePinningConnectionFactory}.
	 * @param index the node's number, in the order of the client's addresses
	 */
	static SpyMemcachedNode nodeOf(MemcachedClient client, NodePinningLocator locator, int index) {
		return new SpyMemcachedNode(client, locator, index);
	}

	MemcachedClient client() {
		return this.client;
	}

	@Override
	public NodeReply<MemcachedNode.@Nullable Stored> gets(String key) {
		OperationFuture<CASValue<Item>> future = enqueue(() -> this.client.asyncGets(key, RevisionTranscoder.INSTANCE));
		return new SpyReply<>(future, (value) -> (value != null) ? new Stored(value.getCas(), value.getValue()) : null,
				(action) -> future.addListener((done) -> action.run()));
	}

	@Override
	public NodeReply<Written> add(String key, int expiry, Item item) {
		OperationFuture<Boolean> future = enqueue(() -> this.client.add(key, expiry, item, RevisionTranscoder.INSTANCE));
		return operation(future, (stored) -> {
			if (Boolean.TRUE.equals(stored)) {
				return Written.stored(casOf(future));
			}
			StatusCode status = future.getStatus().getStatusCode();
			if (status == StatusCode.ERR_NOT_STORED || status == StatusCode.ERR_EXISTS) {
				return new Written(Written.Status.EXISTS, 0, "");
			}
			return refused(future);
		});
	}

	@Override
	public NodeReply<Written> cas(String key, long cas, int expiry, Item item) {
		OperationFuture<CASResponse> future = enqueue(() -> this.client.asyncCAS(key, cas, expiry, item, RevisionTranscoder.INSTANCE));
		return operation(future, (response) -> {
			if (response == CASResponse.OK) {
				return Written.stored(casOf(future));
			}
			if (response == CASResponse.EXISTS) {
				return new Written(Written.Status.EXISTS, 0, "");
			}
			if (response == CASResponse.NOT_FOUND) {
				return new Written(Written.Status.NOT_FOUND, 0, "");
			}
			return refused(future);
		});
	}

	@Override
	public NodeReply<Written> set(String key, int expiry, Item item) {
		OperationFuture<Boolean> future = enqueue(() -> this.client.set(key, expiry, item, RevisionTranscoder.INSTANCE));
		return operation(future, (stored) -> Boolean.TRUE.equals(stored) ? Written.stored(casOf(future)) : refused(future));
	}

	@Override
	public NodeReply<Boolean> delete(String key) {
		return operation(enqueue(() -> this.client.delete(key)), Boolean.TRUE::equals);
	}

	@Override
	public NodeReply<byte @Nullable []> get(String key) {
		GetFuture<byte[]> future = enqueue(() -> this.client.asyncGet(key, RawBytesTranscoder.INSTANCE));
		return new SpyReply<>(future, Function.identity(), (action) -> future.addListener((done) -> action.run()));
	}

	@Override
	public long getOperationTimeoutMillis() {
		return this.client.getOperationTimeout();
	}

	@Override
	public void shutdown() {
		if (this.index == 0) {
			MemcachedClientGenerator.shutdown(this.client);
		}
	}

	private static <S, T> NodeReply<T> operation(OperationFuture<S> future, Function<@Nullable S, T> result) {
		return new SpyReply<>(future, result, (action) -> future.addListener((done) -> action.run()));
	}

	/**
	 * Queue an operation on the client. A client whose I/O thread stopped fails the assertion
	 * spymemcached makes of it when assertions are on: that is a node that cannot be reached, as
	 * when it is shut down.
	 */
	private <F> F enqueue(Supplier<F> operation) {
		try {
			return (this.locator != null) ? this.locator.sendTo(this.index, operation) : operation.get();
		}
		catch (AssertionError ex) {
			throw new IllegalStateException("Memcached client cannot queue the operation: " + ex.getMessage(), ex);
		}
	}

	/**
	 * The CAS value of the item a write stored, which memcached's binary protocol returns; 0 when
	 * unknown (text protocol), and the next write of the same copy reads the item first.
	 */
	private static long casOf(OperationFuture<?> future) {
		try {
			Long cas = future.getCas();
			return (cas != null) ? cas : 0;
		}
		catch (RuntimeException ex) {
			return 0;
		}
	}

	private static Written refused(OperationFuture<?> future) {
		return new Written(Written.Status.REFUSED, 0, future.getStatus().getMessage());
	}

	/**
	 * A spymemcached future whose result is mapped when waited for.
	 */
	private record SpyReply<S, T>(Future<S> future, Function<@Nullable S, T> result,
			Consumer<Runnable> listener) implements NodeReply<T> {

		@Override
		public void whenDone(Runnable action) {
			this.listener.accept(action);
		}

		@Override
		public boolean cancel(boolean mayInterruptIfRunning) {
			return this.future.cancel(mayInterruptIfRunning);
		}

		@Override
		public boolean isCancelled() {
			return this.future.isCancelled();
		}

		@Override
		public boolean isDone() {
			return this.future.isDone();
		}

		@Override
		public T get() throws InterruptedException, ExecutionException {
			return this.result.apply(this.future.get());
		}

		@Override
		public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
			return this.result.apply(this.future.get(timeout, unit));
		}

	}

}
