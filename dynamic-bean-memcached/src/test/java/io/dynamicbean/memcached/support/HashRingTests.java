/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link HashRing}.
 */
class HashRingTests {

	private static final List<String> NODES = List.of("10.0.0.1:11211", "10.0.0.2:11211", "10.0.0.3:11211");

	private final List<String> keys = IntStream.range(0, 3000).mapToObj((i) -> UUID.randomUUID().toString()).toList();

	@Test
	void listsEveryNodeOnceForEachKey() {
		HashRing ring = new HashRing(NODES);
		for (String key : this.keys) {
			assertThat(ring.nodesFor(key)).containsExactlyInAnyOrder(0, 1, 2);
		}
	}

	@Test
	void givesTheSameOrderForTheSameKeyEveryTime() {
		assertThat(new HashRing(NODES).nodesFor("some-key")).isEqualTo(new HashRing(NODES).nodesFor("some-key"));
	}

	@Test
	void givesEachKeyItsOwnOrderWhenKeysAlternate() {
		HashRing ring = new HashRing(NODES);
		HashRing fresh = new HashRing(NODES);
		for (int round = 0; round < 2; round++) {
			for (String key : this.keys) {
				assertThat(ring.nodesFor(key)).as("nodes of %s, round %d", key, round)
					.isEqualTo(fresh.nodesFor(key))
					.isEqualTo(ring.nodesFor(key));
			}
		}
	}

	@Test
	void spreadsPrimariesAndBackupsEvenlyEnough() {
		HashRing ring = new HashRing(NODES);
		Map<Integer, Integer> primaries = new HashMap<>();
		Map<Integer, Integer> backups = new HashMap<>();
		for (String key : this.keys) {
			primaries.merge(ring.nodesFor(key).get(0), 1, Integer::sum);
			backups.merge(ring.nodesFor(key).get(1), 1, Integer::sum);
		}
		assertThat(primaries.values()).as("keys per primary node").allSatisfy((count) -> assertThat(count)
			.isBetween(this.keys.size() / 3 * 6 / 10, this.keys.size() / 3 * 14 / 10));
		assertThat(backups.values()).as("keys per backup node").allSatisfy((count) -> assertThat(count)
			.isBetween(this.keys.size() / 3 * 6 / 10, this.keys.size() / 3 * 14 / 10));
	}

	@Test
	void movesOnlyTheKeysOfANodeAddedToTheRing() {
		HashRing three = new HashRing(NODES);
		HashRing four = new HashRing(List.of(NODES.get(0), NODES.get(1), NODES.get(2), "10.0.0.4:11211"));
		for (String key : this.keys) {
			int before = three.nodesFor(key).get(0);
			int after = four.nodesFor(key).get(0);
			assertThat(after).as("primary of %s", key).isIn(before, 3);
		}
	}

	@Test
	void ofOneNodeListsIt() {
		assertThat(new HashRing(List.of("localhost:11211")).nodesFor("key")).containsExactly(0);
	}

	@Test
	void refusesNoNodes() {
		assertThatIllegalArgumentException().isThrownBy(() -> new HashRing(List.of()));
	}

}
