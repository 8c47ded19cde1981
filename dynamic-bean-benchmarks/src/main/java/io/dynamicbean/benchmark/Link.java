/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.benchmark;

import org.jspecify.annotations.Nullable;

/**
 * The trivial bean of the graph benchmarks: one link of a chain, holding the link it was
 * generated from, so that a benchmark can check the graph was resolved in dependency order.
 */
public final class Link {

	private final String name;

	private final @Nullable Link previous;

	private final int depth;

	Link(String name, @Nullable Link previous) {
		this.name = name;
		this.previous = previous;
		this.depth = (previous != null) ? previous.depth + 1 : 1;
	}

	/**
	 * Return the bean name of this link.
	 * @return the bean name
	 */
	public String getName() {
		return this.name;
	}

	/**
	 * Return the link this one was generated from.
	 * @return the previous link, or {@code null} for the head of a chain
	 */
	public @Nullable Link getPrevious() {
		return this.previous;
	}

	/**
	 * Return the number of links from the head of the chain to this one, both included.
	 * @return the depth, 1 for a head
	 */
	public int getDepth() {
		return this.depth;
	}

	@Override
	public String toString() {
		return "Link[" + this.name + ", depth " + this.depth + "]";
	}

}
