/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.simulation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.dynamicbean.memcached.support.MemcachedNode.Stored;
import io.dynamicbean.memcached.support.MemcachedNode.Written;
import io.dynamicbean.memcached.support.NodeReply;
import io.dynamicbean.memcached.support.RevisionTranscoder.Item;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SimulatedNode}.
 */
class SimulatedNodeTests {

	private final SimulatedTime time = new SimulatedTime();

	private final List<String> trace = new ArrayList<>();

	private final SimulatedNode node = new SimulatedNode("n0", this.time, 10_000, this.trace::add);

	@Test
	void getsReturnsANewCasValueAfterEachWrite() throws Exception {
		long first = answer(this.node.set("k", 60, item(1, "one"))).cas();
		long second = answer(this.node.set("k", 60, item(2, "two"))).cas();
		Stored stored = answer(this.node.gets("k"));
		assertThat(second).as("a second write's CAS value").isNotEqualTo(first);
		assertThat(stored.cas()).isEqualTo(second);
		assertThat(stored.item().revision()).isEqualTo(2);
	}

	@Test
	void casStoresOnlyOverTheCasValueRead() throws Exception {
		long cas = answer(this.node.set("k", 60, item(1, "one"))).cas();
		assertThat(answer(this.node.cas("k", cas, 60, item(2, "two"))).isStored()).isTrue();
		assertThat(answer(this.node.cas("k", cas, 60, item(3, "three"))).status()).isEqualTo(Written.Status.EXISTS);
		assertThat(answer(this.node.cas("other", cas, 60, item(1, "x"))).status()).isEqualTo(Written.Status.NOT_FOUND);
	}

	@Test
	void addIsRefusedOverAHeldKey() throws Exception {
		assertThat(answer(this.node.add("k", 60, item(1, "one"))).isStored()).isTrue();
		assertThat(answer(this.node.add("k", 60, item(1, "two"))).status()).isEqualTo(Written.Status.EXISTS);
	}

	@Test
	void deleteRemovesTheItem() throws Exception {
		answer(this.node.set("k", 60, item(1, "one")));
		assertThat(answer(this.node.delete("k"))).isTrue();
		assertThat(answer(this.node.gets("k"))).isNull();
		assertThat(answer(this.node.delete("k"))).isFalse();
	}

	@Test
	void itemsExpireAfterTheirSecondsOnTheSimulatedTime() throws Exception {
		answer(this.node.set("k", 10, item(1, "one")));
		this.time.advance(Duration.ofSeconds(9));
		assertThat(answer(this.node.get("k"))).as("before its expiry").isNotNull();
		this.time.advance(Duration.ofSeconds(1));
		assertThat(answer(this.node.get("k"))).as("at its expiry").isNull();
	}

	@Test
	void evictsTheLeastRecentlyUsedItemsOverItsBudget() throws Exception {
		SimulatedNode small = new SimulatedNode("n1", this.time, 3 * (1 + 100 + SimulatedNode.ITEM_OVERHEAD),
				this.trace::add);
		answer(small.set("a", 60, item(1, "x".repeat(100))));
		answer(small.set("b", 60, item(1, "x".repeat(100))));
		answer(small.set("c", 60, item(1, "x".repeat(100))));
		answer(small.gets("a"));
		answer(small.set("d", 60, item(1, "x".repeat(100))));
		assertThat(answer(small.gets("b"))).as("the least recently used").isNull();
		assertThat(answer(small.gets("a"))).as("read since").isNotNull();
	}

	@Test
	void restartsEmptyWithCasValuesFromTheStart() throws Exception {
		long cas = answer(this.node.set("k", 60, item(1, "one"))).cas();
		this.node.restart();
		assertThat(answer(this.node.gets("k"))).isNull();
		assertThat(answer(this.node.set("k", 60, item(1, "two"))).cas()).isEqualTo(cas);
	}

	@Test
	void killedNodeLosesOperationsWhichTimeOutAfterTheSimulatedTimeout() {
		this.node.kill();
		NodeReply<Written> reply = this.node.set("k", 60, item(1, "one"));
		assertThatExceptionOfType(TimeoutException.class).isThrownBy(() -> reply.get(200, TimeUnit.MILLISECONDS));
		assertThat(this.time.now()).isEqualTo(SimulatedTime.START.plusMillis(200));
		this.node.restart();
		assertThat(reply.isDone()).as("a lost reply").isFalse();
	}

	@Test
	void frozenNodeAppliesItsOperationsLateWhenResumed() throws Exception {
		this.node.freeze();
		NodeReply<Written> reply = this.node.set("k", 60, item(1, "one"));
		assertThatExceptionOfType(TimeoutException.class).isThrownBy(() -> reply.get(200, TimeUnit.MILLISECONDS));
		List<String> done = new ArrayList<>();
		reply.whenDone(() -> done.add("done"));
		this.node.resume();
		assertThat(reply.isDone()).isTrue();
		assertThat(done).containsExactly("done");
		assertThat(answer(this.node.get("k"))).isNotNull();
	}

	private <T> T answer(NodeReply<T> reply) throws Exception {
		return reply.get(SimulatedNode.OPERATION_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
	}

	private static Item item(int revision, String data) {
		return new Item(revision, data.getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

}
