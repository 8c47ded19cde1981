/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.simulation;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.dynamicbean.memcached.MemcachedCluster;
import io.dynamicbean.memcached.MemcachedSession;
import io.dynamicbean.memcached.MemcachedSessionRepository;
import io.dynamicbean.memcached.MemcachedStoreListener;
import io.dynamicbean.memcached.support.MemcachedNode;
import io.dynamicbean.memcached.support.NodeReply;
import io.dynamicbean.memcached.support.RevisionTranscoder.Item;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a save reaches a session's backup node, on three simulated nodes: a save of a session whose
 * backup held the primary's copy sends its {@code cas} to the primary and a {@code cas} of the same
 * bytes to the backup at once, and is acknowledged once both stored it. Two such saves at the same
 * moment may reach the primary and the backup in opposite orders: the one that loses on the primary
 * may have stored its copy on the backup first.
 */
class BackupWriteTests {

	private final SimulatedTime time = new SimulatedTime();

	private final List<SimulatedNode> nodes = new ArrayList<>();

	private final MemcachedSessionRepository repository;

	/** Run when the next {@code cas} on any node is waited for, before that node applies it. */
	private @Nullable Runnable beforeNextCas;

	/** Whether the nodes drop every {@code set}, as a backup write lost in flight. */
	private boolean dropSets;

	/** The nodes that took a {@code cas}, in the order sent. */
	private final List<SimulatedNode> casTargets = new ArrayList<>();

	BackupWriteTests() {
		List<MemcachedNode> hooked = new ArrayList<>();
		List<String> addresses = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			SimulatedNode node = new SimulatedNode("n" + i, this.time, DataSize.ofMegabytes(1).toBytes(), (line) -> {
			});
			this.nodes.add(node);
			hooked.add(new HookedNode(node));
			addresses.add("node" + i + ":11211");
		}
		Clock clock = this.time.clock(Duration.ZERO);
		this.repository = new MemcachedSessionRepository(MemcachedCluster.withManualProbes(addresses, hooked, clock));
		this.repository.setClock(clock);
		this.time.advance(MemcachedCluster.SETTLING_TIME.plusSeconds(1));
	}

	@Test
	void saveThatLosesOnThePrimaryAfterItsBackupCopyLandedKeepsBothChanges() {
		MemcachedSession created = this.repository.createSession();
		created.setAttribute("login", "alice");
		this.repository.save(created);
		MemcachedSession first = this.repository.findById(created.getId());
		MemcachedSession second = this.repository.findById(created.getId());
		first.setAttribute("cart", 3);
		second.setAttribute("page", "checkout");

		// the first save's cas reaches the backup at once, and its primary only after the whole
		// second save: the second wins on the primary, then finds the first's copy on the backup
		this.beforeNextCas = () -> this.repository.save(second);
		int[] conflicts = new int[1];
		this.repository.setStoreListener(new MemcachedStoreListener() {

			@Override
			public void onCasConflict(boolean retrying) {
				conflicts[0]++;
			}

		});
		this.repository.save(first);

		assertThat(this.beforeNextCas).as("the second save ran within the first").isNull();
		assertThat(conflicts[0]).as("saves refused on the primary: the first, once").isEqualTo(1);

		assertThat(this.repository.findById(created.getId()).getAttributeNames()).as("attributes after both saves")
			.containsExactlyInAnyOrder("login", "cart", "page");
		List<byte[]> copies = copiesOf("dynamic-bean:session:" + created.getId());
		assertThat(copies).as("copies of the session on the nodes").hasSize(2);
		assertThat(copies.get(0)).as("the backup holds the primary's copy").isEqualTo(copies.get(1));
	}

	@Test
	void saveIsOnTheBackupOnceAcknowledged() {
		MemcachedSession created = this.repository.createSession();
		created.setAttribute("login", "alice");
		this.repository.save(created);
		MemcachedSession session = this.repository.findById(created.getId());
		session.setAttribute("cart", 3);
		this.dropSets = true;
		this.casTargets.clear();
		this.repository.save(session);

		this.casTargets.get(0).kill();
		MemcachedSession read = this.repository.findById(created.getId());
		assertThat(read).as("the session once its primary died").isNotNull();
		assertThat(read.<Integer>getAttribute("cart")).as("the change acknowledged before the primary died")
			.isEqualTo(3);
	}

	@Test
	void savesOneAfterTheOtherReachTheBackupWithoutASet() {
		MemcachedSession created = this.repository.createSession();
		created.setAttribute("login", "alice");
		this.repository.save(created);
		this.dropSets = true;
		for (int i = 0; i < 3; i++) {
			MemcachedSession session = this.repository.findById(created.getId());
			session.setAttribute("step", i);
			this.repository.save(session);
			List<byte[]> copies = copiesOf("dynamic-bean:session:" + created.getId());
			assertThat(copies).as("copies after save %d", i).hasSize(2);
			assertThat(copies.get(0)).as("the backup after save %d", i).isEqualTo(copies.get(1));
		}
	}

	private List<byte[]> copiesOf(String key) {
		List<byte[]> copies = new ArrayList<>();
		for (SimulatedNode node : this.nodes) {
			MemcachedNode.Stored stored = get(node.gets(key));
			if (stored != null) {
				copies.add(stored.item().data());
			}
		}
		return copies;
	}

	private static <T> T get(NodeReply<T> reply) {
		try {
			return reply.get(SimulatedNode.OPERATION_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException | ExecutionException | TimeoutException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A node that records the {@code cas} it takes, drops every {@code set} once
	 * {@link #dropSets} is set, and whose next {@code cas}, once {@link #beforeNextCas} is set, is
	 * applied only when it is waited for, after that action ran: the other operations sent meanwhile
	 * go ahead of it.
	 */
	private final class HookedNode implements ForwardingNode {

		private final SimulatedNode node;

		HookedNode(SimulatedNode node) {
			this.node = node;
		}

		@Override
		public MemcachedNode node() {
			return this.node;
		}

		@Override
		public NodeReply<Written> set(String key, int expiry, Item item) {
			if (BackupWriteTests.this.dropSets) {
				return new SimulatedReply<>(BackupWriteTests.this.time);
			}
			return this.node.set(key, expiry, item);
		}

		@Override
		public NodeReply<Written> cas(String key, long cas, int expiry, Item item) {
			BackupWriteTests.this.casTargets.add(this.node);
			Runnable action = BackupWriteTests.this.beforeNextCas;
			if (action == null) {
				return this.node.cas(key, cas, expiry, item);
			}
			BackupWriteTests.this.beforeNextCas = null;
			return new DeferredReply<>(() -> {
				action.run();
				return this.node.cas(key, cas, expiry, item);
			});
		}

	}

	/**
	 * A reply whose operation is sent when it is first waited for.
	 */
	private static final class DeferredReply<T> implements NodeReply<T> {

		private final Supplier<NodeReply<T>> send;

		private final List<Runnable> whenDone = new ArrayList<>();

		private @Nullable NodeReply<T> sent;

		DeferredReply(Supplier<NodeReply<T>> send) {
			this.send = send;
		}

		private NodeReply<T> sent() {
			if (this.sent == null) {
				this.sent = this.send.get();
				this.whenDone.forEach(this.sent::whenDone);
			}
			return this.sent;
		}

		@Override
		public void whenDone(Runnable action) {
			if (this.sent != null) {
				this.sent.whenDone(action);
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
			return this.sent != null && this.sent.isDone();
		}

		@Override
		public T get() throws InterruptedException, ExecutionException {
			return sent().get();
		}

		@Override
		public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
			return sent().get(timeout, unit);
		}

	}

}
