/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.autoconfigure.actuate;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

import io.dynamicbean.memcached.MemcachedCluster;
import io.dynamicbean.memcached.MemcachedSessionRepository;
import io.dynamicbean.memcached.MemcachedStoreListener;
import io.dynamicbean.memcached.support.NodeHealth;
import io.dynamicbean.session.autoconfigure.actuate.SessionStoreMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Micrometer meters of the memcached session store, under {@value #PREFIX}, each tagged with
 * {@code store} (the store name, {@code memcached}):
 * <ul>
 * <li>{@code store.operations} (timer, tags {@code operation} {@code gets|add|cas|set|delete},
 * {@code node} {@code host:port}, {@code outcome} {@code success|timeout|refused|error}): how long
 * requests waited for each memcached operation, per node;</li>
 * <li>{@code store.cas.conflicts} (counter): writes that found the session written by another
 * request since it was read; {@code store.cas.retries} (counter): those written again on the new
 * version (the others gave up after {@value MemcachedSessionRepository#MAX_WRITE_ATTEMPTS}
 * attempts);</li>
 * <li>{@code size} (distribution summary, bytes): encoded size of each session written;</li>
 * <li>{@code store.nodes} (gauge, tag {@code state} {@code answering|failing|down}): nodes in each
 * state;</li>
 * <li>{@code store.backups.dropped} (counter): backup writes dropped because their node had too
 * many pending.</li>
 * </ul>
 *
 * <p>A timer is registered on the first operation of its kind, node and outcome and kept: an
 * operation costs one map look-up by node and one {@link Timer#record}, no allocation. Meters are
 * recorded on the registry given to the constructor, so that the operations made at start-up are
 * counted. Make it the generator's listener
 * ({@link io.dynamicbean.memcached.MemcachedSessionRepositoryGenerator#setStoreListener}), as the
 * auto-configuration does.
 */
public class MemcachedStoreMetrics implements MemcachedStoreListener, MeterBinder {

	/** The prefix of every session store meter, shared with the session module's meters. */
	public static final String PREFIX = SessionStoreMetrics.PREFIX;

	private static final int OUTCOMES = Outcome.values().length;

	private static final int TIMERS_PER_NODE = Operation.values().length * OUTCOMES;

	private final String store;

	private final Supplier<@Nullable MemcachedCluster> cluster;

	private final MeterRegistry registry;

	private final Map<String, AtomicReferenceArray<Timer>> timers = new ConcurrentHashMap<>();

	private final Counter conflicts;

	private final Counter retries;

	private final DistributionSummary sizes;

	/**
	 * Create the meters.
	 * @param store the store name for the {@code store} tag, not empty
	 * @param cluster the memcached nodes now, or {@code null} while there are none
	 * @param registry the registry to record on, not {@code null}
	 */
	public MemcachedStoreMetrics(String store, Supplier<@Nullable MemcachedCluster> cluster, MeterRegistry registry) {
		Assert.hasText(store, "store must not be empty");
		Assert.notNull(cluster, "cluster must not be null");
		Assert.notNull(registry, "registry must not be null");
		this.store = store;
		this.cluster = cluster;
		this.registry = registry;
		this.conflicts = Counter.builder(PREFIX + "store.cas.conflicts")
			.tag("store", store)
			.description("Session writes that found the session written by another request since it was read")
			.register(registry);
		this.retries = Counter.builder(PREFIX + "store.cas.retries")
			.tag("store", store)
			.description("Session writes tried again on the version another request wrote")
			.register(registry);
		this.sizes = DistributionSummary.builder(PREFIX + "size")
			.tag("store", store)
			.description("Encoded size of each session written to the store")
			.baseUnit("bytes")
			.register(registry);
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (NodeHealth.State state : NodeHealth.State.values()) {
			Gauge.builder(PREFIX + "store.nodes", this, (metrics) -> metrics.nodes(state))
				.tag("store", this.store)
				.tag("state", state.name().toLowerCase(Locale.ROOT))
				.description("Memcached nodes of the session store in each state")
				.baseUnit("nodes")
				.register(registry);
		}
		FunctionCounter.builder(PREFIX + "store.backups.dropped", this, MemcachedStoreMetrics::droppedBackups)
			.tag("store", this.store)
			.description("Backup writes dropped because their node had too many pending")
			.register(registry);
	}

	private double nodes(NodeHealth.State state) {
		MemcachedCluster current = this.cluster.get();
		if (current == null) {
			return 0;
		}
		return current.getNodes().stream().filter((node) -> node.state() == state).count();
	}

	private double droppedBackups() {
		MemcachedCluster current = this.cluster.get();
		return (current != null) ? current.getDroppedBackupWrites() : 0;
	}

	@Override
	public void onOperation(String node, Operation operation, Outcome outcome, long nanos) {
		AtomicReferenceArray<Timer> nodeTimers = this.timers.get(node);
		if (nodeTimers == null) {
			nodeTimers = this.timers.computeIfAbsent(node, (key) -> new AtomicReferenceArray<>(TIMERS_PER_NODE));
		}
		int index = operation.ordinal() * OUTCOMES + outcome.ordinal();
		Timer timer = nodeTimers.get(index);
		if (timer == null) {
			timer = Timer.builder(PREFIX + "store.operations")
				.tag("store", this.store)
				.tag("operation", operation.tag())
				.tag("node", node)
				.tag("outcome", outcome.tag())
				.description("Time requests waited for each memcached operation of the session store, per node")
				.register(this.registry);
			nodeTimers.set(index, timer);
		}
		timer.record(nanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void onCasConflict(boolean retrying) {
		this.conflicts.increment();
		if (retrying) {
			this.retries.increment();
		}
	}

	@Override
	public void onSessionWritten(int bytes) {
		this.sizes.record(bytes);
	}

}
