/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.dynamicbean.memcached.support.NodeReply;
import org.jspecify.annotations.Nullable;

/**
 * The reply of a {@link SimulatedNode}: done at once when the node answers; otherwise waiting for
 * it times out at once, the time waited passing on the simulated time, and the reply comes later,
 * or never.
 * @param <T> the result
 */
final class SimulatedReply<T> implements NodeReply<T> {

	private final SimulatedTime time;

	private boolean done;

	private @Nullable T result;

	private final List<Runnable> whenDone = new ArrayList<>();

	SimulatedReply(SimulatedTime time) {
		this.time = time;
	}

	void complete(@Nullable T result) {
		this.result = result;
		this.done = true;
		this.whenDone.forEach(Runnable::run);
		this.whenDone.clear();
	}

	@Override
	public void whenDone(Runnable action) {
		if (this.done) {
			action.run();
		}
		else {
			this.whenDone.add(action);
		}
	}

	@Override
	public boolean cancel(boolean mayInterruptIfRunning) {
		return false;
	}

	@Override
	public boolean isCancelled() {
		return false;
	}

	@Override
	public boolean isDone() {
		return this.done;
	}

	@Override
	public T get() {
		throw new IllegalStateException("The store waits for replies within its operation timeout only");
	}

	@Override
	public T get(long timeout, TimeUnit unit) throws TimeoutException {
		if (!this.done) {
			this.time.waited(unit.toNanos(timeout));
			throw new TimeoutException("No reply within " + unit.toMillis(timeout) + " ms (simulated)");
		}
		return this.result;
	}

}
