/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.simulation;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.dynamicbean.memcached.MemcachedCluster;
import io.dynamicbean.memcached.MemcachedSession;
import io.dynamicbean.memcached.MemcachedSessionRepository;
import io.dynamicbean.memcached.support.MemcachedNode;
import io.dynamicbean.memcached.support.NodeReply;
import io.dynamicbean.memcached.support.RevisionTranscoder.Item;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a save writes the backup copy of a session, on three simulated nodes seen by two
 * instances: by {@code cas} on the backup with the CAS value the read found it under, after the
 * primary stored the write, so that a backup that took no write since the read is checked and
 * written in one operation; and when the backup did take one the primary missed (window W7 of
 * docs/consistency.md), the save reads it and writes its changes again onto that copy.
 */
class BackupWriteTests {

	private static final String PREFIX = MemcachedSessionRepository.DEFAULT_KEY_PREFIX;

	private final SimulatedTime time = new SimulatedTime();

	private final List<SimulatedNode> nodes = new ArrayList<>();

	private final List<String> operations = new ArrayList<>();

	private final List<NodeLink> secondInstanceLinks = new ArrayList<>();

	private final MemcachedSessionRepository first;

	private final MemcachedSessionRepository second;

	BackupWriteTests() {
		for (int i = 0; i < 3; i++) {
			this.nodes.add(new SimulatedNode("n" + i, this.time, DataSize.ofMegabytes(1).toBytes(), (line) -> {
			}));
		}
		this.first = repository("i1", null);
		this.second = repository("i2", this.secondInstanceLinks);
		this.time.advance(MemcachedCluster.SETTLING_TIME.plusSeconds(1));
	}

	@Test
	void savesWithOneCasOnThePrimaryThenOneOnTheBackup() throws Exception {
		String id = newSession();
		this.operations.clear();
		MemcachedSession session = this.first.findById(id);
		assertThat(session).isNotNull();
		session.setAttribute("b", "v2");
		this.first.save(session);
		assertThat(this.operations).as("node operations of a read and a save").hasSize(4);
		String primary = node(this.operations.get(0));
		String backup = node(this.operations.get(1));
		assertThat(this.operations).containsExactly("gets " + primary, "gets " + backup, "cas " + primary,
				"cas " + backup);
		assertThat(held(backup, id)).as("the backup's copy").isNotNull().isEqualTo(held(primary, id));
	}

	@Test
	void savesOverABackupWrittenSinceTheReadWithItsChanges() throws Exception {
		String id = newSession();
		this.operations.clear();
		MemcachedSession session = this.first.findById(id);
		assertThat(session).isNotNull();
		String primary = node(this.operations.get(0));
		String backup = node(this.operations.get(1));
		this.secondInstanceLinks.get(index(primary)).cut();
		MemcachedSession other = this.second.findById(id);
		assertThat(other).as("the session, read by the second instance from the backup").isNotNull();
		other.setAttribute("b", "v2");
		this.second.save(other);
		session.setAttribute("c", "v3");
		this.operations.clear();
		this.first.save(session);
		assertThat(this.operations).as("the backup's check failed, read, and the changes written again")
			.containsExactly("cas " + primary, "cas " + backup, "gets " + backup, "cas " + primary, "cas " + backup);
		MemcachedSession read = this.first.findById(id);
		assertThat(read).isNotNull();
		assertThat((String) read.getAttribute("a")).isEqualTo("v1");
		assertThat((String) read.getAttribute("b")).as("the change the primary missed").isEqualTo("v2");
		assertThat((String) read.getAttribute("c")).isEqualTo("v3");
		assertThat(held(backup, id)).as("the backup's copy").isNotNull().isEqualTo(held(primary, id));
	}

	private String newSession() {
		MemcachedSession session = this.first.createSession();
		session.setAttribute("a", "v1");
		this.first.save(session);
		return session.getId();
	}

	private MemcachedSessionRepository repository(String instance, @Nullable List<NodeLink> links) {
		List<MemcachedNode> reached = new ArrayList<>();
		List<String> addresses = new ArrayList<>();
		for (SimulatedNode node : this.nodes) {
			NodeLink link = new NodeLink(instance, node, this.time, (line) -> {
			});
			if (links != null) {
				links.add(link);
			}
			reached.add((links != null) ? link : new Recording(link, node.name(), this.operations));
			addresses.add(node.name() + ":11211");
		}
		Clock clock = this.time.clock(Duration.ZERO);
		MemcachedSessionRepository repository = new MemcachedSessionRepository(
				MemcachedCluster.withManualProbes(addresses, reached, clock));
		repository.setClock(clock);
		SplittableRandom ids = new SplittableRandom(instance.hashCode());
		repository.setSessionIdGenerator(
				() -> String.format(Locale.ROOT, "%016x%016x", ids.nextLong(), ids.nextLong()));
		return repository;
	}

	private static String node(String operation) {
		return operation.substring(operation.indexOf(' ') + 1);
	}

	private int index(String name) {
		for (int i = 0; i < this.nodes.size(); i++) {
			if (this.nodes.get(i).name().equals(name)) {
				return i;
			}
		}
		throw new IllegalArgumentException(name);
	}

	private byte @Nullable [] held(String node, String id) throws Exception {
		MemcachedNode.Stored stored = this.nodes.get(index(node)).gets(PREFIX + id).get(1, TimeUnit.SECONDS);
		return (stored != null) ? stored.item().data() : null;
	}

	/**
	 * Records the operations the first instance sends to a node (probes, which are {@code get}s,
	 * aside), as "operation node".
	 */
	private record Recording(MemcachedNode node, String name, List<String> operations) implements ForwardingNode {

		@Override
		public NodeReply<@Nullable Stored> gets(String key) {
			this.operations.add("gets " + this.name);
			return this.node.gets(key);
		}

		@Override
		public NodeReply<Written> add(String key, int expiry, Item item) {
			this.operations.add("add " + this.name);
			return this.node.add(key, expiry, item);
		}

		@Override
		public NodeReply<Written> cas(String key, long cas, int expiry, Item item) {
			this.operations.add("cas " + this.name);
			return this.node.cas(key, cas, expiry, item);
		}

		@Override
		public NodeReply<Written> set(String key, int expiry, Item item) {
			this.operations.add("set " + this.name);
			return this.node.set(key, expiry, item);
		}

		@Override
		public NodeReply<Boolean> delete(String key) {
			this.operations.add("delete " + this.name);
			return this.node.delete(key);
		}

	}

}
