/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.simulation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import io.dynamicbean.DynamicBeanFactory;
import io.dynamicbean.DynamicBeanState;
import io.dynamicbean.DynamicBeanStatus;
import io.dynamicbean.memcached.MemcachedCluster;
import io.dynamicbean.memcached.MemcachedSession;
import io.dynamicbean.memcached.MemcachedSessionRepository;
import io.dynamicbean.memcached.MemcachedSessionRepositoryGenerator;
import io.dynamicbean.memcached.support.MemcachedNode;
import io.dynamicbean.session.FrontInternals;
import io.dynamicbean.session.LocalSessionRepository;
import io.dynamicbean.session.PreservingSessionIdGenerator;
import io.dynamicbean.session.RemoteStoreFailureMonitor;
import io.dynamicbean.session.RemoteStoreListener;
import io.dynamicbean.session.SwitchableSessionRepository;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.session.SessionIdGenerator;
import org.springframework.session.SessionRepository;
import org.springframework.test.util.ReflectionTestUtils;

/**
 * One instance of the application as production wires it: a real
 * {@link SwitchableSessionRepository} front with its {@link LocalSessionRepository}, over a
 * {@link MemcachedSessionRepository} built and switched in by the real
 * {@link MemcachedSessionRepositoryGenerator} on this instance's own {@link MemcachedCluster}
 * view, watched by the real {@link RemoteStoreFailureMonitor}. What the dynamic bean factory does
 * around them is simulated: an invalidated store is switched out (as the destroy post-processor
 * does) and its generator retried every retry delay on the simulated time. Its clock can be
 * skewed; it reaches each node through its own {@link NodeLink}.
 */
final class FrontInstance {

	private final String name;

	private final SkewableClock clock;

	private final List<NodeLink> links = new ArrayList<>();

	private final MemcachedCluster cluster;

	private final LocalSessionRepository local;

	private final SwitchableSessionRepository front;

	private final MemcachedSessionRepositoryGenerator generator;

	private final RemoteStoreFailureMonitor monitor;

	private final List<Runnable> invalidations = new ArrayList<>();

	private final FrontMutant mutant;

	private final Consumer<String> trace;

	private @Nullable MemcachedSessionRepository repository;

	private Instant nextRetry;

	private int remoteFailures;

	FrontInstance(String name, SimulatedTime time, List<SimulatedNode> nodes, List<String> addresses,
			SessionIdGenerator ids, FrontMutant mutant, Consumer<String> trace) {
		this.name = name;
		this.mutant = mutant;
		this.trace = trace;
		this.clock = new SkewableClock(time);
		for (SimulatedNode node : nodes) {
			this.links.add(new NodeLink(name, node, time, trace));
		}
		this.cluster = MemcachedCluster.withManualProbes(addresses, List.<MemcachedNode>copyOf(this.links), this.clock,
				new SplittableRandom(name.hashCode()));
		this.local = new LocalSessionRepository();
		this.local.setClock(this.clock);
		this.local.setSessionIdGenerator(ids);
		this.front = new SwitchableSessionRepository(this.local, new PreservingSessionIdGenerator(ids));
		this.generator = new MemcachedSessionRepositoryGenerator(this.front);
		ReflectionTestUtils.setField(this.generator, "memcachedClient", this.cluster);
		StaticListableBeanFactory beans = new StaticListableBeanFactory(
				Map.of("dynamicBeanFactory", new SimulatedBeanFactory()));
		this.monitor = new RemoteStoreFailureMonitor(beans.getBeanProvider(DynamicBeanFactory.class));
		this.monitor.setExecutor(this.invalidations::add);
		this.monitor.watch(this.generator);
		this.front.setRemoteStoreListener(this.monitor);
		this.front.addRemoteStoreListener(new RemoteStoreListener() {

			@Override
			public void onFailure(String storeName, RuntimeException ex) {
				FrontInstance.this.remoteFailures++;
			}

		});
		this.nextRetry = this.clock.instant();
		recoverIfDue();
	}

	String name() {
		return this.name;
	}

	SwitchableSessionRepository front() {
		return this.front;
	}

	/**
	 * How many calls of the front to its store have failed so far.
	 */
	int remoteFailures() {
		return this.remoteFailures;
	}

	NodeLink link(int node) {
		return this.links.get(node);
	}

	List<NodeLink> links() {
		return this.links;
	}

	Clock clock() {
		return this.clock;
	}

	void skew(Duration skew) {
		this.clock.skew = skew;
	}

	Duration skew() {
		return this.clock.skew;
	}

	/**
	 * Probe the nodes that do not answer, in the background, as the cluster's prober does.
	 */
	/**
	 * Tell the cluster view that its connection to a node was made again, as spymemcached's
	 * connection observer does when a node restarts or a network cut heals.
	 */
	void reconnected(int node) {
		this.cluster.reconnected(node);
	}

	void probe() {
		this.cluster.probeFailingNodes();
	}

	/**
	 * Run the invalidations the failure monitor asked for (on another thread in production, here
	 * at the end of the step), and what a mutant does between steps.
	 */
	void afterStep() {
		List<Runnable> due = new ArrayList<>(this.invalidations);
		this.invalidations.clear();
		due.forEach(Runnable::run);
		if (this.mutant == FrontMutant.FORGET_PENDING_DELETIONS) {
			int forgotten = FrontInternals.forgetPendingDeletions(this.local);
			if (forgotten > 0) {
				this.trace.accept("      " + this.name + " MUTANT forgot " + forgotten + " pending logouts");
			}
		}
	}

	/**
	 * Generate the store and switch the front to it, as the dynamic bean factory does at start-up
	 * and then every retry delay while the store is out.
	 */
	void recoverIfDue() {
		if (this.repository != null || this.clock.instant().isBefore(this.nextRetry)) {
			return;
		}
		MemcachedSessionRepository generated;
		try {
			generated = this.generator.generate();
		}
		catch (Exception ex) {
			this.nextRetry = this.clock.instant().plusSeconds(this.generator.getDelaySeconds());
			this.trace.accept("      " + this.name + " store not generated, retry in "
					+ this.generator.getDelaySeconds() + " s");
			return;
		}
		generated.setClock(this.clock);
		this.repository = generated;
		if (this.mutant == FrontMutant.EPOCH_BLIND) {
			this.front.switchTo(MemcachedSessionRepositoryGenerator.STORE_NAME, new EpochBlindRepository(generated));
		}
		else {
			this.generator.execute();
		}
		this.monitor.onRegistered(new DynamicBeanStatus(this.generator.getBeanName(), MemcachedSessionRepository.class,
				"memcachedSessionRepositoryGenerator", DynamicBeanState.ACTIVE, 1, 0, null, null, this.clock.instant(),
				null, Duration.ofSeconds(this.generator.getDelaySeconds()), List.of()));
		this.trace.accept("      " + this.name + " store generated and switched in");
	}

	/**
	 * The dynamic bean factory as far as the failure monitor uses it: invalidating the store's
	 * bean switches the front to its local store and schedules the generator's retry.
	 */
	private final class SimulatedBeanFactory implements DynamicBeanFactory {

		@Override
		public boolean invalidate(String beanName, Throwable cause) {
			MemcachedSessionRepository active = FrontInstance.this.repository;
			if (active == null) {
				return false;
			}
			FrontInstance.this.repository = null;
			FrontInstance.this.front.switchToLocal();
			FrontInstance.this.nextRetry = FrontInstance.this.clock.instant()
				.plusSeconds(FrontInstance.this.generator.getDelaySeconds());
			FrontInstance.this.trace.accept("      " + FrontInstance.this.name + " store taken out by the failure "
					+ "monitor, switched to local");
			return true;
		}

		@Override
		public <T> T generateBean(Class<T> type) {
			throw new UnsupportedOperationException();
		}

		@Override
		public List<DynamicBeanStatus> getStatuses() {
			throw new UnsupportedOperationException();
		}

		@Override
		public @Nullable DynamicBeanStatus getStatus(String beanName) {
			throw new UnsupportedOperationException();
		}

		@Override
		public List<DynamicBeanStatus> recover() {
			throw new UnsupportedOperationException();
		}

		@Override
		public DynamicBeanStatus recover(String beanName) {
			throw new UnsupportedOperationException();
		}

	}

	/**
	 * The clock of one instance: the simulated time, plus its skew.
	 */
	private static final class SkewableClock extends Clock {

		private final SimulatedTime time;

		private Duration skew = Duration.ZERO;

		SkewableClock(SimulatedTime time) {
			this.time = time;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException("A simulated clock is in UTC");
		}

		@Override
		public Instant instant() {
			return this.time.now().plus(this.skew);
		}

	}

	/**
	 * The store as a front that restores fallback copies without checking the epoch sees it: the
	 * epoch marker is never found, so every read of it writes a new epoch, and every session the
	 * store misses looks lost.
	 */
	private record EpochBlindRepository(MemcachedSessionRepository store)
			implements SessionRepository<MemcachedSession> {

		@Override
		public MemcachedSession createSession() {
			return this.store.createSession();
		}

		@Override
		public void save(MemcachedSession session) {
			this.store.save(session);
		}

		@Override
		public @Nullable MemcachedSession findById(String id) {
			return SwitchableSessionRepository.EPOCH_MARKER_SESSION_ID.equals(id) ? null : this.store.findById(id);
		}

		@Override
		public void deleteById(String id) {
			this.store.deleteById(id);
		}

	}

}
