/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.benchmark;

/**
 * How the generators of a benchmark depend on each other. Generator {@code i} produces the bean
 * {@code "link" + i}, and generators are registered in index order.
 */
public enum GraphShape {

	/**
	 * One chain through every generator: link {@code i} depends on link {@code i - 1}. The deepest
	 * graph possible, which the engine must sort and generate without recursion.
	 */
	CHAIN {

		@Override
		LinkGenerator generator(int index, boolean headsDown) {
			return (index == 0) ? LinkGenerators.head(index, headsDown) : LinkGenerators.follower(index);
		}

		@Override
		int depth(int index) {
			return index + 1;
		}

	},

	/**
	 * Independent chains of ten generators each: link {@code i} depends on link {@code i - 1}
	 * unless {@code i} is a multiple of ten. Many short chains, as in an application with many
	 * client / store / repository stacks.
	 */
	CHAINS_OF_10 {

		@Override
		LinkGenerator generator(int index, boolean headsDown) {
			return (index % 10 == 0) ? LinkGenerators.head(index, headsDown) : LinkGenerators.follower(index);
		}

		@Override
		int depth(int index) {
			return index % 10 + 1;
		}

	},

	/**
	 * One root, link 0, with every other generator depending on it directly: the widest graph
	 * possible, where one bean has {@code size - 1} dependents.
	 */
	FAN {

		@Override
		LinkGenerator generator(int index, boolean headsDown) {
			return (index == 0) ? LinkGenerators.head(index, headsDown) : new LinkGenerators.FanLeaf(LinkGenerators.linkName(index));
		}

		@Override
		int depth(int index) {
			return (index == 0) ? 1 : 2;
		}

	};

	/**
	 * Create the generator of link {@code index}.
	 * @param index the index of the link
	 * @param headsDown whether the heads (links without dependencies) fail to generate
	 * @return a new generator
	 */
	abstract LinkGenerator generator(int index, boolean headsDown);

	/**
	 * Return the depth the generated link {@code index} must have.
	 * @param index the index of the link
	 * @return the expected {@link Link#getDepth() depth}
	 */
	abstract int depth(int index);

	/**
	 * Define up front whatever generator classes a graph of the given size needs.
	 * @param size the number of generators
	 */
	void prepare(int size) {
		if (this != FAN) {
			LinkGenerators.defineFollowers(size);
		}
	}

}
