/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session.autoconfigure.actuate;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.dynamicbean.session.LocalSessionRepository;
import io.dynamicbean.session.RemoteStoreListener;
import io.dynamicbean.session.SwitchableSessionRepository;
import io.dynamicbean.session.web.SwitchableSessionRequestFilter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Micrometer meters of the switchable session front, its local store and the switches between
 * stores, all under {@value #PREFIX}:
 * <ul>
 * <li>{@code local.sessions} (gauge, tag {@code kind} {@code all|local-only}): sessions held in
 * this instance's local store; {@code local-only} ones live nowhere else and are lost if the
 * instance stops (see {@link LocalSessionRepository#getLocalOnlyCount()});
 * {@code local.sessions.max} (gauge): the limit;</li>
 * <li>{@code local.bytes} and {@code local.bytes.max} (gauges, bytes): estimated size of the
 * sessions held, and the byte budget;</li>
 * <li>{@code local.evictions} (counter, tag {@code kind} {@code anonymous|logged-in}): sessions
 * evicted to stay within the bounds;</li>
 * <li>{@code local.pending.deletions} (gauge): logouts not yet told to a remote store;
 * {@code local.pending.deletions.dropped} (counter): such logouts dropped beyond their budget;</li>
 * <li>{@code store.active} (gauge, tag {@code store}): 1 while that remote store is switched in,
 * 0 while sessions are served from the local store instead;</li>
 * <li>{@code store.switches} (counter, tags {@code store}, {@code to} {@code remote|local});</li>
 * <li>{@code store.failures} (counter, tag {@code store}): remote calls that threw, served from the
 * local store instead;</li>
 * <li>{@code store.refusals} (counter, tags {@code store}, {@code exception}): sessions a store
 * refused (too large, not serializable, too many concurrent writers), kept locally instead;</li>
 * <li>{@code writer.redirects} (counter): requests sent with {@code 307} to the instance that
 * changed their session last, while every store failed.</li>
 * </ul>
 *
 * <p>Counters are recorded on the registry given to the constructor, so that the switch made at
 * start-up, before Spring Boot binds {@link MeterBinder}s, is counted; gauges and function
 * counters are registered by {@link #bindTo(MeterRegistry)}. Register it with
 * {@link SwitchableSessionRepository#addRemoteStoreListener(RemoteStoreListener)}, as the
 * auto-configuration does.
 */
public class SessionStoreMetrics implements MeterBinder, RemoteStoreListener {

	/** The prefix of every session store meter. */
	public static final String PREFIX = "dynamic.bean.session.";

	private final SwitchableSessionRepository sessions;

	private final @Nullable SwitchableSessionRequestFilter requestFilter;

	private final MeterRegistry registry;

	private final Set<String> activeGauges = ConcurrentHashMap.newKeySet();

	private final Set<String> knownStores = ConcurrentHashMap.newKeySet();

	private final Map<String, Counter> failures = new ConcurrentHashMap<>();

	private volatile @Nullable MeterRegistry boundRegistry;

	/**
	 * Create the meters.
	 * @param sessions the session front, not {@code null}
	 * @param requestFilter the filter that answers writer redirects, or {@code null} if there is
	 * none (no {@code writer.redirects} meter then)
	 * @param storeNames the names of the remote stores that may be switched in, such as
	 * {@code memcached}, each given a {@code store.active} gauge at once, not {@code null}; other
	 * stores get theirs when first switched in
	 * @param registry the registry to record switches, failures and refusals on, not {@code null}
	 */
	public SessionStoreMetrics(SwitchableSessionRepository sessions,
			@Nullable SwitchableSessionRequestFilter requestFilter, Collection<String> storeNames,
			MeterRegistry registry) {
		Assert.notNull(sessions, "sessions must not be null");
		Assert.notNull(storeNames, "storeNames must not be null");
		Assert.notNull(registry, "registry must not be null");
		this.sessions = sessions;
		this.requestFilter = requestFilter;
		this.registry = registry;
		this.knownStores.addAll(storeNames);
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		LocalSessionRepository local = this.sessions.getLocalSessionRepository();
		Gauge.builder(PREFIX + "local.sessions", local, LocalSessionRepository::size)
			.tag("kind", "all")
			.description("Sessions held in this instance's local store, fallback copies included")
			.baseUnit("sessions")
			.register(registry);
		Gauge.builder(PREFIX + "local.sessions", local, LocalSessionRepository::getLocalOnlyCount)
			.tag("kind", "local-only")
			.description("Sessions that live only in this instance's memory, lost if it stops")
			.baseUnit("sessions")
			.register(registry);
		Gauge.builder(PREFIX + "local.sessions.max", local, LocalSessionRepository::getMaxSessions)
			.description("Most sessions the local store holds")
			.baseUnit("sessions")
			.register(registry);
		Gauge.builder(PREFIX + "local.bytes", local, LocalSessionRepository::getEstimatedBytes)
			.description("Estimated size of the sessions held in the local store")
			.baseUnit("bytes")
			.register(registry);
		Gauge.builder(PREFIX + "local.bytes.max", local, LocalSessionRepository::getMaxBytes)
			.description("Byte budget of the local store")
			.baseUnit("bytes")
			.register(registry);
		bindEvictions(registry, local);
		Gauge.builder(PREFIX + "local.pending.deletions", local, LocalSessionRepository::getPendingDeletionCount)
			.description("Logouts not yet told to a remote store")
			.baseUnit("sessions")
			.register(registry);
		FunctionCounter
			.builder(PREFIX + "local.pending.deletions.dropped", local,
					LocalSessionRepository::getDroppedPendingDeletionCount)
			.description("Pending logouts of logged-in sessions dropped beyond their byte budget")
			.register(registry);
		SwitchableSessionRequestFilter filter = this.requestFilter;
		if (filter != null) {
			FunctionCounter
				.builder(PREFIX + "writer.redirects", filter, SwitchableSessionRequestFilter::getWriterRedirectCount)
				.description("Requests redirected to the instance that changed their session last")
				.register(registry);
		}
		this.boundRegistry = registry;
		this.knownStores.forEach((store) -> bindActive(registry, store));
	}

	private static void bindEvictions(MeterRegistry registry, LocalSessionRepository local) {
		FunctionCounter
			.builder(PREFIX + "local.evictions", local,
					(repository) -> repository.getEvictionCount() - repository.getEstablishedEvictionCount())
			.tag("kind", "anonymous")
			.description("Sessions evicted from the local store to stay within its bounds")
			.register(registry);
		FunctionCounter
			.builder(PREFIX + "local.evictions", local, LocalSessionRepository::getEstablishedEvictionCount)
			.tag("kind", "logged-in")
			.description("Sessions evicted from the local store to stay within its bounds")
			.register(registry);
	}

	private void bindActive(MeterRegistry registry, String store) {
		if (this.activeGauges.add(store)) {
			Gauge.builder(PREFIX + "store.active", this.sessions, (sessions) -> isActive(sessions, store))
				.tag("store", store)
				.description("1 while the remote session store is switched in, 0 while sessions are served locally")
				.register(registry);
		}
	}

	private static double isActive(SwitchableSessionRepository sessions, String store) {
		return store.equals(sessions.getActiveStoreName()) ? 1 : 0;
	}

	@Override
	public void onSwitchedIn(String storeName) {
		switched(storeName, "remote");
		this.knownStores.add(storeName);
		MeterRegistry bound = this.boundRegistry;
		if (bound != null) {
			bindActive(bound, storeName);
		}
	}

	@Override
	public void onSwitchedOut(String storeName) {
		switched(storeName, "local");
	}

	private void switched(String storeName, String to) {
		Counter.builder(PREFIX + "store.switches")
			.tag("store", storeName)
			.tag("to", to)
			.description("Switches of the session front between a remote store and the local store")
			.register(this.registry)
			.increment();
	}

	@Override
	public void onFailure(String storeName, RuntimeException ex) {
		Counter counter = this.failures.get(storeName);
		if (counter == null) {
			counter = this.failures.computeIfAbsent(storeName, (store) -> Counter.builder(PREFIX + "store.failures")
				.tag("store", store)
				.description("Calls to the remote session store that threw, served from the local store instead")
				.register(this.registry));
		}
		counter.increment();
	}

	@Override
	public void onRefused(String storeName, RuntimeException refusal) {
		Counter.builder(PREFIX + "store.refusals")
			.tag("store", storeName)
			.tag("exception", refusal.getClass().getSimpleName())
			.description("Sessions the remote store refused to save, kept in the local store instead")
			.register(this.registry)
			.increment();
	}

}
