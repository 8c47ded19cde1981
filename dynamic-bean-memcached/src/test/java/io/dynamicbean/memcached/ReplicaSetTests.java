/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.dynamicbean.memcached.ReplicaSet.Copy;
import io.dynamicbean.memcached.ReplicaSet.Replaced;
import io.dynamicbean.memcached.simulation.SimulatedNode;
import io.dynamicbean.memcached.simulation.SimulatedTime;
import io.dynamicbean.memcached.support.MemcachedNode;
import io.dynamicbean.memcached.support.MemcachedNode.Stored;
import io.dynamicbean.memcached.support.MemcachedNode.Written;
import io.dynamicbean.memcached.support.NodeHealth;
import io.dynamicbean.memcached.support.RevisionTranscoder.Item;
import io.dynamicbean.memcached.support.SessionCodec;
import io.dynamicbean.memcached.support.SessionEntry;
import io.dynamicbean.memcached.support.SessionKeys;
import io.dynamicbean.session.serialization.DeserializationAllowList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ReplicaSet} alone, on three simulated nodes in one process and simulated time:
 * which nodes of a key it reads, writes, checks and hands off to, and which copy wins. Copies are
 * planted on the nodes directly, as other instances or faults would leave them.
 */
class ReplicaSetTests {

	private static final String PREFIX = "test:";

	private static final String ID = "0123456789abcdef0123456789abcdef";

	private static final String KEY = PREFIX + ID;

	private final SimulatedTime time = new SimulatedTime();

	private final Clock clock = this.time.clock(Duration.ZERO);

	private final List<SimulatedNode> nodes = new ArrayList<>();

	private MemcachedCluster cluster;

	private SessionItems items;

	private ReplicaSet replicas;

	/** The ring order of the key: primary, backup, the third node. */
	private int primary;

	private int backup;

	private int third;

	@BeforeEach
	void threeSettledNodes() {
		List<String> addresses = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			this.nodes.add(new SimulatedNode("n" + i, this.time, DataSize.ofMegabytes(1).toBytes(), (line) -> {
			}));
			addresses.add("node" + i + ":11211");
		}
		this.cluster = MemcachedCluster.withManualProbes(addresses, List.<MemcachedNode>copyOf(this.nodes), this.clock);
		this.items = new SessionItems(new SessionKeys(PREFIX),
				new SessionCodec(new DeserializationAllowList(), getClass().getClassLoader()), DataSize.ofMegabytes(1),
				this.clock);
		this.replicas = new ReplicaSet(this.cluster, this.items);
		List<Integer> order = this.cluster.answeringNodesFor(KEY);
		this.primary = order.get(0);
		this.backup = order.get(1);
		this.third = order.get(2);
		this.time.advance(MemcachedCluster.SETTLING_TIME.plusSeconds(1));
	}

	@Test
	void readRestoresABehindPrimaryFromTheBackup() {
		plant(this.primary, session(1));
		plant(this.backup, session(2));
		Copy read = this.replicas.read(KEY);
		assertThat(read).isNotNull();
		assertThat(read.node()).as("node of the copy returned").isEqualTo(this.primary);
		assertThat(read.item().revision()).as("revision returned").isEqualTo(2);
		assertThat(revisionOn(this.primary)).as("revision on the primary after the read").isEqualTo(2);
	}

	@Test
	void readRestoresAPrimaryThatLostTheItem() {
		plant(this.backup, session(3));
		Copy read = this.replicas.read(KEY);
		assertThat(read).isNotNull();
		assertThat(read.node()).isEqualTo(this.primary);
		assertThat(revisionOn(this.primary)).as("revision on the restarted primary after the read").isEqualTo(3);
	}

	@Test
	void readBacksUpThePrimaryCopyOnABackupThatLostIt() {
		plant(this.primary, session(4));
		this.replicas.read(KEY);
		assertThat(revisionOn(this.backup)).as("revision on the backup after the read").isEqualTo(4);
	}

	@Test
	void tombstoneWinsOverAHigherRevision() {
		plant(this.primary, session(7));
		plant(this.backup, tombstone());
		Copy read = this.replicas.read(KEY);
		assertThat(read).isNotNull();
		assertThat(read.isTombstone()).as("the copy returned is the tombstone").isTrue();
		assertThat(entryOn(this.primary).isTombstone()).as("the primary holds the tombstone after the read").isTrue();
	}

	@Test
	void failedHomeNodeIsReplacedByTheNextNode() {
		plant(this.primary, session(4));
		plant(this.third, session(5));
		this.nodes.get(this.backup).freeze();
		Copy read = this.replicas.read(KEY);
		assertThat(this.cluster.getNodes().get(this.backup).state()).as("the frozen backup")
			.isNotEqualTo(NodeHealth.State.ANSWERING);
		assertThat(read).as("the copy of the next node, asked in place of the backup").isNotNull();
		assertThat(read.item().revision()).isEqualTo(5);
		assertThat(revisionOn(this.primary)).as("revision on the primary after the read").isEqualTo(5);
	}

	@Test
	void readMissesOnlyWhenAHomeNodeAnswered() {
		assertThat(this.replicas.read(KEY)).as("a key no node holds, every node answering").isNull();
		this.nodes.get(this.primary).freeze();
		this.nodes.get(this.backup).freeze();
		assertThatExceptionOfType(MemcachedSessionUnknownException.class).isThrownBy(() -> this.replicas.read(KEY));
	}

	@Test
	void addIsReplicatedToTheBackup() {
		Written added = this.replicas.add(KEY, this.primary, entry(1), session(1));
		assertThat(added.isStored()).as("the add on the primary").isTrue();
		assertThat(revisionOn(this.backup)).as("the backup after the add").isEqualTo(1);
		assertThat(storedOn(this.third)).as("the third node, the key's nodes settled").isNull();
	}

	@Test
	void addOverAHeldKeyIsNeitherStoredNorReplicated() {
		plant(this.primary, session(3));
		Written added = this.replicas.add(KEY, this.primary, entry(1), session(1));
		assertThat(added.isStored()).isFalse();
		assertThat(revisionOn(this.primary)).isEqualTo(3);
		assertThat(storedOn(this.backup)).as("the backup after the add").isNull();
	}

	@Test
	void replaceReportsANewerRevisionOnTheBackupAndReplicatesNothing() {
		long cas = plant(this.primary, session(1));
		plant(this.backup, session(3));
		Replaced replaced = this.replicas.replace(KEY, this.primary, cas, entry(2), session(2), 1, null);
		assertThat(replaced.written().isStored()).as("the write on the primary").isTrue();
		assertThat(replaced.newer()).as("the newer copy found").isNotNull();
		assertThat(replaced.newer().node()).isEqualTo(this.backup);
		assertThat(replaced.newer().item().revision()).isEqualTo(3);
		assertThat(revisionOn(this.backup)).as("the backup, not written over").isEqualTo(3);
	}

	@Test
	void replaceReportsNothingWhenTheBackupIsNotNewerAndReplicates() {
		long cas = plant(this.primary, session(1));
		plant(this.backup, session(1));
		Replaced replaced = this.replicas.replace(KEY, this.primary, cas, entry(2), session(2), 1, null);
		assertThat(replaced.written().isStored()).isTrue();
		assertThat(replaced.newer()).isNull();
		assertThat(revisionOn(this.backup)).as("the backup after the write").isEqualTo(2);
		assertThat(storedOn(this.third)).as("the third node, the key's nodes settled").isNull();
	}

	@Test
	void replaceOnAStaleCasValueIsNeitherStoredNorReplicated() {
		plant(this.primary, session(1));
		plant(this.backup, session(1));
		Replaced replaced = this.replicas.replace(KEY, this.primary, 12345, entry(2), session(2), 1, null);
		assertThat(replaced.written().status()).isEqualTo(Written.Status.EXISTS);
		assertThat(revisionOn(this.primary)).isEqualTo(1);
		assertThat(revisionOn(this.backup)).isEqualTo(1);
	}

	@Test
	void readReportsTheBackupHoldingThePrimarysCopyWithItsCasValue() {
		plant(this.primary, session(1));
		long backupCas = plant(this.backup, session(1));
		Copy read = this.replicas.read(KEY);
		assertThat(read).isNotNull();
		assertThat(read.backup()).as("the backup's copy").isNotNull();
		assertThat(read.backup().node()).isEqualTo(this.backup);
		assertThat(read.backup().cas()).isEqualTo(backupCas);
	}

	@Test
	void readReportsNoBackupWhenItHoldsAnotherCopy() {
		plant(this.primary, session(2));
		plant(this.backup, session(1));
		Copy read = this.replicas.read(KEY);
		assertThat(read).isNotNull();
		assertThat(read.backup()).as("a backup rewritten by the read").isNull();
	}

	@Test
	void replaceWritesABackupThatHeldItsBaseByCas() {
		plant(this.primary, session(1));
		plant(this.backup, session(1));
		Copy read = this.replicas.read(KEY);
		Replaced replaced = this.replicas.replace(KEY, this.primary, read.cas(), entry(2), session(2), 1,
				read.backup());
		assertThat(replaced.written().isStored()).isTrue();
		assertThat(replaced.newer()).isNull();
		assertThat(replaced.backup()).as("the copy the write stored on the backup").isNotNull();
		assertThat(replaced.backup().cas()).isEqualTo(storedOn(this.backup).cas());
		assertThat(revisionOn(this.backup)).as("the backup once the write is acknowledged").isEqualTo(2);
		assertThat(storedOn(this.third)).as("the third node, the key's nodes settled").isNull();
	}

	@Test
	void replaceWhoseBackupWasWrittenSinceTheReadReportsItsCopy() {
		plant(this.primary, session(1));
		plant(this.backup, session(1));
		Copy read = this.replicas.read(KEY);
		plant(this.backup, session(3));
		Replaced replaced = this.replicas.replace(KEY, this.primary, read.cas(), entry(2), session(2), 1,
				read.backup());
		assertThat(replaced.written().isStored()).isTrue();
		assertThat(replaced.newer()).as("the write the primary missed").isNotNull();
		assertThat(replaced.newer().item().revision()).isEqualTo(3);
		assertThat(replaced.backup()).isNull();
		assertThat(revisionOn(this.backup)).as("the backup, not written over").isEqualTo(3);
	}

	@Test
	void replaceWhoseBackupLostTheItemSinceTheReadReplicatesIt() {
		plant(this.primary, session(1));
		plant(this.backup, session(1));
		Copy read = this.replicas.read(KEY);
		get(this.nodes.get(this.backup).delete(KEY));
		Replaced replaced = this.replicas.replace(KEY, this.primary, read.cas(), entry(2), session(2), 1,
				read.backup());
		assertThat(replaced.written().isStored()).isTrue();
		assertThat(replaced.newer()).isNull();
		assertThat(revisionOn(this.backup)).as("the backup after the write").isEqualTo(2);
	}

	@Test
	void replaceThatLosesOnThePrimaryGivesTheBackupBackTheCopyItHeld() {
		plant(this.primary, session(1));
		plant(this.backup, session(1));
		Copy read = this.replicas.read(KEY);
		byte[] held = storedOn(this.backup).item().data();
		plant(this.primary, session(2));
		Replaced replaced = this.replicas.replace(KEY, this.primary, read.cas(), entry(2), session(2), 1,
				read.backup());
		assertThat(replaced.written().status()).isEqualTo(Written.Status.EXISTS);
		assertThat(storedOn(this.backup).item().data()).as("the backup's copy after the lost write")
			.isEqualTo(held);
		assertThat(storedOn(this.backup).cas()).as("a CAS value the winner's own write to the backup fails on")
			.isNotEqualTo(read.backup().cas());
	}

	@Test
	void replaceWithATombstoneReplicatesNothing() {
		long cas = plant(this.primary, session(1));
		plant(this.backup, session(1));
		Replaced replaced = this.replicas.replaceWithTombstone(KEY, this.primary, cas, tombstoneEntry(), tombstone(),
				1);
		assertThat(replaced.written().isStored()).isTrue();
		assertThat(entryOn(this.primary).isTombstone()).isTrue();
		assertThat(entryOn(this.backup).isTombstone()).as("the backup before the tombstone is replicated").isFalse();
		this.replicas.replicateTombstone(KEY, this.primary, tombstoneEntry(), tombstone());
		assertThat(entryOn(this.backup).isTombstone()).as("the backup after the tombstone is replicated").isTrue();
	}

	@Test
	void tombstoneGoesToEveryAnsweringNode() {
		plant(this.third, session(2));
		this.replicas.writeTombstone(KEY, tombstoneEntry(), tombstone());
		for (int node = 0; node < 3; node++) {
			assertThat(entryOn(node).isTombstone()).as("tombstone on node %d", node).isTrue();
		}
	}

	@Test
	void tombstoneIsHandedOffToASilentNode() {
		plant(this.backup, session(2));
		this.cluster.failed(this.backup, "test: not answering");
		this.replicas.writeTombstone(KEY, tombstoneEntry(), tombstone());
		assertThat(entryOn(this.backup).isTombstone()).as("the silent backup, before it answers again").isFalse();
		this.cluster.probeFailingNodes();
		assertThat(this.cluster.getNodes().get(this.backup).state()).isEqualTo(NodeHealth.State.ANSWERING);
		assertThat(entryOn(this.backup).isTombstone()).as("the backup, once it answers again").isTrue();
	}

	@Test
	void writeWhileTheKeysNodesSettleIsCopiedToTheThirdNode() {
		this.cluster.failed(this.third, "test: not answering");
		this.cluster.probeFailingNodes();
		this.replicas.add(KEY, this.primary, entry(1), session(1));
		assertThat(revisionOn(this.backup)).isEqualTo(1);
		assertThat(revisionOn(this.third)).as("the third node, while the key's nodes settle").isEqualTo(1);
	}

	@Test
	void withTheBackupOffOnlyThePrimaryIsReadAndWritten() {
		this.replicas.setBackup(false);
		plant(this.backup, session(2));
		assertThat(this.replicas.read(KEY)).as("a key only the backup holds").isNull();
		this.replicas.add(KEY, this.primary, entry(3), session(3));
		assertThat(revisionOn(this.backup)).as("the backup after an add").isEqualTo(2);
		assertThat(storedOn(this.third)).as("the third node after an add").isNull();
	}

	private SessionEntry entry(int revision) {
		return new SessionEntry(SessionEntry.Kind.SESSION, ID, this.clock.instant(), this.clock.instant(),
				Duration.ofMinutes(30), Map.of("revision", this.items.serialize("revision", "r" + revision, KEY)),
				Map.of());
	}

	private Item session(int revision) {
		return new Item(revision, this.items.encode(entry(revision), KEY));
	}

	private SessionEntry tombstoneEntry() {
		return SessionEntry.tombstone(ID, this.clock.instant(), Duration.ofMinutes(30));
	}

	private Item tombstone() {
		return new Item(0, this.items.encode(tombstoneEntry(), KEY));
	}

	/**
	 * Write a copy on one node, as another instance did.
	 * @return its CAS value there
	 */
	private long plant(int node, Item item) {
		return get(this.nodes.get(node).set(KEY, 0, item)).cas();
	}

	private @Nullable Stored storedOn(int node) {
		return get(this.nodes.get(node).gets(KEY));
	}

	private int revisionOn(int node) {
		Stored stored = storedOn(node);
		assertThat(stored).as("item on node %d", node).isNotNull();
		return stored.item().revision();
	}

	private SessionEntry entryOn(int node) {
		Stored stored = storedOn(node);
		assertThat(stored).as("item on node %d", node).isNotNull();
		SessionEntry entry = this.items.decode(KEY, stored.item().data());
		assertThat(entry).as("entry on node %d", node).isNotNull();
		return entry;
	}

	/**
	 * The reply of a node that answers.
	 */
	private static <T> T get(Future<T> reply) {
		try {
			return reply.get(SimulatedNode.OPERATION_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException | ExecutionException | TimeoutException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
