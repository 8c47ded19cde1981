/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.support;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the completion listeners of spymemcached's futures at once, on the thread that completes
 * the operation (the client's I/O thread), instead of handing each to a thread pool: the store's
 * only listener counts a backup write done, and a hand-off to another thread for that cost more
 * CPU than the count. Listeners must not block. Never terminates: the clients do not shut down an
 * executor they did not create, and this one holds no thread.
 */
public final class InlineListenerExecutor extends AbstractExecutorService {

	/** The shared instance. */
	public static final InlineListenerExecutor INSTANCE = new InlineListenerExecutor();

	private InlineListenerExecutor() {
	}

	@Override
	public void execute(Runnable command) {
		command.run();
	}

	@Override
	public void shutdown() {
	}

	@Override
	public List<Runnable> shutdownNow() {
		return List.of();
	}

	@Override
	public boolean isShutdown() {
		return false;
	}

	@Override
	public boolean isTerminated() {
		return false;
	}

	@Override
	public boolean awaitTermination(long timeout, TimeUnit unit) {
		return false;
	}

}
