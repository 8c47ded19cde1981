/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.dynamicbean.memcached.support.MemcachedNode;
import io.dynamicbean.memcached.support.NodeReply;
import io.dynamicbean.memcached.support.RevisionTranscoder.Item;
import org.jspecify.annotations.Nullable;

/**
 * The network between one instance and one {@link SimulatedNode}: what that instance's cluster
 * reaches the node through. {@link #cut() Cut}, the instance's operations are lost on the way (the
 * node never sees them) while other instances still reach the node: a partition.
 * {@link #slow() Slow}, the node applies each operation at once but its reply arrives only after
 * the client gave up (at the next advance of time), as for an overloaded node or network.
 */
final class NodeLink implements MemcachedNode {

	private final String instance;

	private final SimulatedNode node;

	private final SimulatedTime time;

	private final Consumer<String> trace;

	private final List<LateReply<?>> late = new ArrayList<>();

	private State state = State.CONNECTED;

	NodeLink(String instance, SimulatedNode node, SimulatedTime time, Consumer<String> trace) {
		this.instance = instance;
		this.node = node;
		this.time = time;
		this.trace = trace;
	}

	State state() {
		return this.state;
	}

	/** Lose this instance's operations to the node from now on. */
	void cut() {
		this.state = State.CUT;
	}

	/** Deliver this instance's replies from the node late from now on. */
	void slow() {
		this.state = State.SLOW;
	}

	/** Reach the node normally again; replies still on their way arrive now. */
	void heal() {
		this.state = State.CONNECTED;
		deliverLateReplies();
	}

	/** Deliver the replies that arrived after their client gave up. */
	void deliverLateReplies() {
		List<LateReply<?>> arrived = new ArrayList<>(this.late);
		this.late.clear();
		arrived.forEach(LateReply::deliver);
	}

	@Override
	public NodeReply<MemcachedNode.@Nullable Stored> gets(String key) {
		return through("gets", key, () -> this.node.gets(key));
	}

	@Override
	public NodeReply<Written> add(String key, int expiry, Item item) {
		return through("add", key, () -> this.node.add(key, expiry, item));
	}

	@Override
	public NodeReply<Written> cas(String key, long cas, int expiry, Item item) {
		return through("cas", key, () -> this.node.cas(key, cas, expiry, item));
	}

	@Override
	public NodeReply<Written> set(String key, int expiry, Item item) {
		return through("set", key, () -> this.node.set(key, expiry, item));
	}

	@Override
	public NodeReply<Boolean> delete(String key) {
		return through("delete", key, () -> this.node.delete(key));
	}

	@Override
	public NodeReply<byte @Nullable []> get(String key) {
		return through("get", key, () -> this.node.get(key));
	}

	@Override
	public long getOperationTimeoutMillis() {
		return this.node.getOperationTimeoutMillis();
	}

	@Override
	public void shutdown() {
	}

	private <T> NodeReply<T> through(String what, String key, Supplier<NodeReply<T>> operation) {
		switch (this.state) {
			case CUT -> {
				this.trace.accept("    " + this.node.name() + " " + what + " " + Keys.shortKey(key) + " lost ("
						+ this.instance + " cut off)");
				return new SimulatedReply<>(this.time);
			}
			case SLOW -> {
				LateReply<T> reply = new LateReply<>(operation.get(), this.time);
				this.trace.accept("      (reply to " + this.instance + " late)");
				this.late.add(reply);
				return reply;
			}
			default -> {
				return operation.get();
			}
		}
	}

	/**
	 * How an instance reaches a node.
	 */
	enum State {

		CONNECTED, CUT, SLOW

	}

	/**
	 * A reply that the node sent at once and that arrives after the client's wait timed out: not
	 * done until {@link #deliver() delivered}.
	 */
	private static final class LateReply<T> implements NodeReply<T> {

		private final NodeReply<T> reply;

		private final SimulatedTime time;

		private final List<Runnable> whenDone = new ArrayList<>();

		private boolean delivered;

		LateReply(NodeReply<T> reply, SimulatedTime time) {
			this.reply = reply;
			this.time = time;
		}

		void deliver() {
			this.delivered = true;
			this.whenDone.forEach(this.reply::whenDone);
			this.whenDone.clear();
		}

		@Override
		public void whenDone(Runnable action) {
			if (this.delivered) {
				this.reply.whenDone(action);
			}
			else {
				this.whenDone.add(action);
			}
		}

		@Override
		public boolean cancel(boolean mayInterruptIfRunning) {
			return false;
		}

		@Override
		public boolean isCancelled() {
			return false;
		}

		@Override
		public boolean isDone() {
			return this.delivered && this.reply.isDone();
		}

		@Override
		public T get() {
			throw new IllegalStateException("The store waits for replies within its operation timeout only");
		}

		@Override
		public T get(long timeout, TimeUnit unit) throws TimeoutException {
			if (!isDone()) {
				this.time.waited(unit.toNanos(timeout));
				throw new TimeoutException("Reply late, after " + unit.toMillis(timeout) + " ms (simulated)");
			}
			try {
				return this.reply.get(timeout, unit);
			}
			catch (InterruptedException | ExecutionException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
