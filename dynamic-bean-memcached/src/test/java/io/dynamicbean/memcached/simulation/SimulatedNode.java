/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.simulation;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.dynamicbean.memcached.support.MemcachedNode;
import io.dynamicbean.memcached.support.NodeReply;
import io.dynamicbean.memcached.support.RevisionTranscoder.Item;
import org.jspecify.annotations.Nullable;

/**
 * A memcached node in memory, with memcached's semantics for what the session store uses: a CAS
 * value per write (one counter per node, from 1 again after a restart), {@code cas} answering
 * {@code EXISTS} or {@code NOT_FOUND}, {@code add} refused over a held key, expiry in seconds
 * (beyond 30 days an absolute Unix time) on the simulated time, LRU eviction under a byte budget.
 * Its faults: {@link #kill() killed} (operations and replies lost), {@link #restart() restarted
 * empty}, {@link #freeze() frozen} (operations wait, unanswered, and are applied in order when
 * {@link #resume() resumed}).
 */
public final class SimulatedNode implements MemcachedNode {

	public static final long OPERATION_TIMEOUT_MILLIS = 200;

	/** Bytes of an item besides its key and value, as memcached's item header. */
	static final int ITEM_OVERHEAD = 48;

	private static final long MAX_RELATIVE_EXPIRY = 60L * 60 * 24 * 30;

	private final String name;

	private final SimulatedTime time;

	private final long budget;

	private final Consumer<String> trace;

	private final LinkedHashMap<String, Entry> items = new LinkedHashMap<>(16, 0.75f, true);

	private final List<Runnable> frozenOperations = new ArrayList<>();

	private State state = State.UP;

	private long bytes;

	private long lastCas;

	public SimulatedNode(String name, SimulatedTime time, long budget, Consumer<String> trace) {
		this.name = name;
		this.time = time;
		this.budget = budget;
		this.trace = trace;
	}

	String name() {
		return this.name;
	}

	State state() {
		return this.state;
	}

	@Override
	public NodeReply<@Nullable Stored> gets(String key) {
		return operation("gets", key, () -> {
			Entry entry = live(key);
			return (entry != null) ? new Stored(entry.cas(), entry.item()) : null;
		});
	}

	@Override
	public NodeReply<byte @Nullable []> get(String key) {
		return operation("get", key, () -> {
			Entry entry = live(key);
			return (entry != null) ? entry.item().data() : null;
		});
	}

	@Override
	public NodeReply<Written> add(String key, int expiry, Item item) {
		return operation("add", key, () -> (live(key) != null) ? new Written(Written.Status.EXISTS, 0, "")
				: store(key, expiry, item));
	}

	@Override
	public NodeReply<Written> cas(String key, long cas, int expiry, Item item) {
		return operation("cas", key, () -> {
			Entry entry = live(key);
			if (entry == null) {
				return new Written(Written.Status.NOT_FOUND, 0, "");
			}
			return (entry.cas() != cas) ? new Written(Written.Status.EXISTS, 0, "") : store(key, expiry, item);
		});
	}

	@Override
	public NodeReply<Written> set(String key, int expiry, Item item) {
		return operation("set", key, () -> store(key, expiry, item));
	}

	@Override
	public NodeReply<Boolean> delete(String key) {
		return operation("delete", key, () -> {
			boolean held = live(key) != null;
			remove(key);
			return held;
		});
	}

	@Override
	public long getOperationTimeoutMillis() {
		return OPERATION_TIMEOUT_MILLIS;
	}

	@Override
	public void shutdown() {
	}

	/** Lose every operation and reply from now on, and the data with the process. */
	public void kill() {
		this.state = State.KILLED;
		this.frozenOperations.clear();
		clear();
	}

	/** Start again, empty: after a kill, or at once. */
	public void restart() {
		this.state = State.UP;
		this.frozenOperations.clear();
		clear();
		this.lastCas = 0;
	}

	/** Hold every operation unanswered until resumed. */
	public void freeze() {
		if (this.state == State.UP) {
			this.state = State.FROZEN;
		}
	}

	/** Apply the operations held while frozen, in order, and answer them late. */
	public void resume() {
		if (this.state == State.FROZEN) {
			this.state = State.UP;
			List<Runnable> held = new ArrayList<>(this.frozenOperations);
			this.frozenOperations.clear();
			held.forEach(Runnable::run);
		}
	}

	/**
	 * Evict the least recently used items, as memory pressure would.
	 * @param count how many at most
	 */
	void evict(int count) {
		Iterator<Map.Entry<String, Entry>> lru = this.items.entrySet().iterator();
		for (int i = 0; i < count && lru.hasNext(); i++) {
			Map.Entry<String, Entry> eldest = lru.next();
			this.bytes -= size(eldest.getKey(), eldest.getValue().item());
			lru.remove();
			this.trace.accept("    " + this.name + " evicted " + Keys.shortKey(eldest.getKey()));
		}
	}

	int itemCount() {
		return this.items.size();
	}

	private <T> NodeReply<T> operation(String what, String key, Supplier<@Nullable T> effect) {
		SimulatedReply<T> reply = new SimulatedReply<>(this.time);
		switch (this.state) {
			case UP -> answer(reply, what, key, effect);
			case FROZEN -> {
				this.trace.accept("    " + this.name + " " + what + " " + Keys.shortKey(key) + " held (frozen)");
				this.frozenOperations.add(() -> answer(reply, what + " (late)", key, effect));
			}
			case KILLED -> this.trace.accept("    " + this.name + " " + what + " " + Keys.shortKey(key) + " lost (killed)");
		}
		return reply;
	}

	private <T> void answer(SimulatedReply<T> reply, String what, String key, Supplier<@Nullable T> effect) {
		T result = effect.get();
		this.trace.accept("    " + this.name + " " + what + " " + Keys.shortKey(key) + " -> " + describe(result));
		reply.complete(result);
	}

	private static String describe(@Nullable Object result) {
		if (result instanceof Stored stored) {
			return "rev " + stored.item().revision() + " cas " + stored.cas();
		}
		if (result instanceof Written written) {
			return written.status() + (written.isStored() ? " cas " + written.cas() : "");
		}
		if (result instanceof byte[]) {
			return "hit";
		}
		return (result != null) ? String.valueOf(result) : "miss";
	}

	private @Nullable Entry live(String key) {
		Entry entry = this.items.get(key);
		if (entry != null && entry.expiresAt() != 0 && this.time.epochSecond() >= entry.expiresAt()) {
			remove(key);
			return null;
		}
		return entry;
	}

	private Written store(String key, int expiry, Item item) {
		remove(key);
		long expiresAt = (expiry == 0) ? 0 : (expiry <= MAX_RELATIVE_EXPIRY) ? this.time.epochSecond() + expiry : expiry;
		this.lastCas++;
		this.items.put(key, new Entry(item, this.lastCas, expiresAt));
		this.bytes += size(key, item);
		if (this.bytes > this.budget) {
			evictOver();
		}
		return Written.stored(this.lastCas);
	}

	private void evictOver() {
		Iterator<Map.Entry<String, Entry>> lru = this.items.entrySet().iterator();
		while (this.bytes > this.budget && lru.hasNext()) {
			Map.Entry<String, Entry> eldest = lru.next();
			this.bytes -= size(eldest.getKey(), eldest.getValue().item());
			lru.remove();
			this.trace.accept("    " + this.name + " evicted " + Keys.shortKey(eldest.getKey()) + " (over budget)");
		}
	}

	private void remove(String key) {
		Entry removed = this.items.remove(key);
		if (removed != null) {
			this.bytes -= size(key, removed.item());
		}
	}

	private void clear() {
		this.items.clear();
		this.bytes = 0;
	}

	private static long size(String key, Item item) {
		return key.length() + item.data().length + ITEM_OVERHEAD;
	}

	/**
	 * How a node is doing.
	 */
	enum State {

		UP, FROZEN, KILLED

	}

	private record Entry(Item item, long cas, long expiresAt) {
	}

}
