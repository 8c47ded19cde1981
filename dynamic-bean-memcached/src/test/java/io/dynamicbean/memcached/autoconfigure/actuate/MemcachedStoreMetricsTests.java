/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.autoconfigure.actuate;

import java.util.concurrent.TimeUnit;

import io.dynamicbean.memcached.MemcachedStoreListener.Operation;
import io.dynamicbean.memcached.MemcachedStoreListener.Outcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MemcachedStoreMetrics}.
 */
class MemcachedStoreMetricsTests {

	private static final String NODE = "10.0.0.1:11211";

	private final MeterRegistry registry = new SimpleMeterRegistry();

	private final MemcachedStoreMetrics metrics = new MemcachedStoreMetrics("memcached", () -> null, this.registry);

	@Test
	void timesEachOperationPerNodeAndOutcome() {
		this.metrics.onOperation(NODE, Operation.GETS, Outcome.SUCCESS, 1_000_000);
		this.metrics.onOperation(NODE, Operation.GETS, Outcome.SUCCESS, 3_000_000);
		this.metrics.onOperation(NODE, Operation.CAS, Outcome.TIMEOUT, 200_000_000);
		this.metrics.onOperation("10.0.0.2:11211", Operation.GETS, Outcome.SUCCESS, 2_000_000);
		Timer gets = operations(NODE, "gets", "success");
		assertThat(gets.count()).isEqualTo(2);
		assertThat(gets.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(4);
		assertThat(operations(NODE, "cas", "timeout").max(TimeUnit.MILLISECONDS)).isEqualTo(200);
		assertThat(operations("10.0.0.2:11211", "gets", "success").count()).isEqualTo(1);
		assertThat(this.registry.find("dynamic.bean.session.store.operations").timers())
			.as("one timer per operation, node and outcome seen")
			.hasSize(3);
	}

	@Test
	void keepsTheTimerOfAnOperation() {
		this.metrics.onOperation(NODE, Operation.ADD, Outcome.ERROR, 5);
		Timer first = operations(NODE, "add", "error");
		this.registry.clear();
		this.metrics.onOperation(NODE, Operation.ADD, Outcome.ERROR, 5);
		assertThat(first.count()).as("the same timer, not looked up again").isEqualTo(2);
	}

	@Test
	void countsCasConflictsAndRetries() {
		this.metrics.onCasConflict(true);
		this.metrics.onCasConflict(true);
		this.metrics.onCasConflict(false);
		assertThat(this.registry.get("dynamic.bean.session.store.cas.conflicts").tag("store", "memcached").counter()
			.count()).isEqualTo(3);
		assertThat(this.registry.get("dynamic.bean.session.store.cas.retries").tag("store", "memcached").counter()
			.count()).isEqualTo(2);
	}

	@Test
	void recordsTheSizeOfEachSessionWritten() {
		this.metrics.onSessionWritten(300);
		this.metrics.onSessionWritten(1200);
		assertThat(this.registry.get("dynamic.bean.session.size").tag("store", "memcached").summary().max())
			.isEqualTo(1200);
		assertThat(this.registry.get("dynamic.bean.session.size").summary().count()).isEqualTo(2);
	}

	@Test
	void countsNoNodesBeforeThereIsACluster() {
		this.metrics.bindTo(this.registry);
		assertThat(this.registry.get("dynamic.bean.session.store.nodes").tag("state", "down").gauge().value()).isZero();
		assertThat(this.registry.find("dynamic.bean.session.store.nodes").gauges()).as("one gauge per state")
			.hasSize(3);
		assertThat(this.registry.get("dynamic.bean.session.store.backups.dropped").functionCounter().count()).isZero();
	}

	private Timer operations(String node, String operation, String outcome) {
		return this.registry.get("dynamic.bean.session.store.operations")
			.tag("store", "memcached")
			.tag("node", node)
			.tag("operation", operation)
			.tag("outcome", outcome)
			.timer();
	}

}
