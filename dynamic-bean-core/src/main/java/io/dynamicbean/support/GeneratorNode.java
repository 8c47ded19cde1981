/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.support;

import java.lang.reflect.Field;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import io.dynamicbean.DynamicBeanState;
import io.dynamicbean.DynamicBeanStatus;
import io.dynamicbean.DynamicGenerator;
import org.jspecify.annotations.Nullable;

/**
 * One generator in the dependency graph, with the mutable state of its bean. State fields are
 * guarded by {@link #lock}; readers use the immutable {@link #status()} snapshot instead.
 */
final class GeneratorNode {

	final String beanName;

	final String generatorName;

	final DynamicGenerator<?> generator;

	/** The object whose {@code @DynamicAutowired} fields are set: the generator, unwrapped from any proxy. */
	final Object injectionTarget;

	final Class<?> beanType;

	final Duration delay;

	final List<Injection> injections = new ArrayList<>();

	final List<GeneratorNode> dependencies = new ArrayList<>();

	final List<GeneratorNode> dependents = new ArrayList<>();

	/** Names of {@link #dependencies}, fixed once the graph is linked. */
	List<String> dependencyNames = List.of();

	/** Position in dependency order: every dependency has a lower index. */
	int index;

	final ReentrantLock lock = new ReentrantLock();

	DynamicBeanState state;

	long attempts;

	long consecutiveFailures;

	@Nullable Throwable lastFailure;

	@Nullable Instant lastFailureTime;

	@Nullable Instant activeSince;

	@Nullable Instant nextRetry;

	/** The missing dependency this bean waits for, when {@link #state} is WAITING. */
	volatile @Nullable GeneratorNode waitingFor;

	/**
	 * When WAITING, the bean whose scheduled retry will bring this one back (its dependency, or
	 * whatever that dependency waits for), or {@code null} if none will.
	 */
	volatile @Nullable GeneratorNode retriedWith;

	private volatile DynamicBeanStatus status;

	GeneratorNode(String generatorName, DynamicGenerator<?> generator, Object injectionTarget, Duration delay) {
		this.beanName = generator.getBeanName();
		this.generatorName = generatorName;
		this.generator = generator;
		this.injectionTarget = injectionTarget;
		this.beanType = generator.getBeanType();
		this.delay = delay;
		this.state = generator.isOnlyDirectGenerate() ? DynamicBeanState.DIRECT_ONLY : DynamicBeanState.PENDING;
		this.status = snapshot();
	}

	DynamicBeanStatus status() {
		return this.status;
	}

	/** Lock-free read of the last published state. */
	DynamicBeanState currentState() {
		return this.status.state();
	}

	boolean isActive() {
		return currentState() == DynamicBeanState.ACTIVE;
	}

	/** Publish the current state for lock-free readers. Called with the lock held. */
	DynamicBeanStatus publish() {
		this.status = snapshot();
		return this.status;
	}

	private DynamicBeanStatus snapshot() {
		return new DynamicBeanStatus(this.beanName, this.beanType, this.generatorName, this.state, this.attempts,
				this.consecutiveFailures, this.lastFailure, this.lastFailureTime, this.activeSince, this.nextRetry, this.delay,
				this.dependencyNames);
	}

	@Override
	public String toString() {
		return "'" + this.beanName + "' (generator '" + this.generatorName + "')";
	}

	/**
	 * A {@code @DynamicAutowired} field and the node that satisfies it.
	 */
	record Injection(Field field, GeneratorNode dependency) {
	}

}
