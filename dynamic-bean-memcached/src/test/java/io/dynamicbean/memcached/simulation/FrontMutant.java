/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.simulation;

/**
 * A deliberately broken front, so that a test can show the {@link FrontSimulation} catches it.
 */
enum FrontMutant {

	/** The front as it is. */
	NONE,

	/**
	 * Restores fallback copies without checking the epoch: the store's epoch marker is hidden
	 * from the front, so every session the store misses looks lost to it.
	 */
	EPOCH_BLIND,

	/**
	 * Ignores pending deletions: the logouts the front could not tell the store of are forgotten
	 * at the end of every step.
	 */
	FORGET_PENDING_DELETIONS

}
