/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.simulation;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.dynamicbean.memcached.MemcachedCluster;
import io.dynamicbean.memcached.MemcachedSession;
import io.dynamicbean.memcached.MemcachedSessionRepository;
import io.dynamicbean.memcached.support.MemcachedNode;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After a save merged onto a version another request wrote meanwhile, the session object holds
 * what memcached holds: the other request's changes too. The switchable front keeps that object as
 * its fallback copy (window W11 of {@code docs/consistency.md}).
 */
class MergedSaveViewTests {

	private final SimulatedTime time = new SimulatedTime();

	private final MemcachedSessionRepository repository;

	MergedSaveViewTests() {
		List<MemcachedNode> nodes = new ArrayList<>();
		List<String> addresses = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			nodes.add(new SimulatedNode("n" + i, this.time, DataSize.ofMegabytes(1).toBytes(), (line) -> {
			}));
			addresses.add("node" + i + ":11211");
		}
		Clock clock = this.time.clock(Duration.ZERO);
		this.repository = new MemcachedSessionRepository(MemcachedCluster.withManualProbes(addresses, nodes, clock));
		this.repository.setClock(clock);
		this.time.advance(MemcachedCluster.SETTLING_TIME.plusSeconds(1));
	}

	@Test
	void aSaveMergedOntoAnotherRequestsChangesShowsThemAfterwards() {
		MemcachedSession created = this.repository.createSession();
		created.setAttribute("login", "alice");
		created.setAttribute("theme", "dark");
		this.repository.save(created);
		MemcachedSession first = this.repository.findById(created.getId());
		MemcachedSession second = this.repository.findById(created.getId());

		first.setAttribute("cart", 3);
		first.removeAttribute("theme");
		this.repository.save(first);
		second.setAttribute("page", "checkout");
		this.repository.save(second);

		assertThat(second.<Integer>getAttribute("cart")).as("the other request's change").isEqualTo(3);
		assertThat(second.getAttributeNames()).containsExactlyInAnyOrder("login", "cart", "page");
		assertThat(this.repository.findById(created.getId()).getAttributeNames())
			.containsExactlyInAnyOrder("login", "cart", "page");
	}

}
