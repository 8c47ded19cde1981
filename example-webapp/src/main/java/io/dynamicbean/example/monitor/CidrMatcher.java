/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.monitor;

import java.util.Arrays;
import java.util.List;

import org.springframework.util.Assert;

/**
 * Matches addresses against a list of {@link CidrBlock}s: an address matches when it lies in at
 * least one of them. An empty matcher matches nothing.
 */
public final class CidrMatcher {

	private final List<CidrBlock> blocks;

	/**
	 * Create a matcher.
	 * @param blocks the blocks, not {@code null}; may be empty
	 */
	public CidrMatcher(List<CidrBlock> blocks) {
		Assert.notNull(blocks, "blocks must not be null");
		this.blocks = List.copyOf(blocks);
	}

	/**
	 * Create a matcher from blocks in CIDR notation.
	 * @param cidrs the blocks, such as {@code 127.0.0.0/8}
	 * @return the matcher
	 * @throws IllegalArgumentException if one of them is not a valid block
	 */
	public static CidrMatcher of(String... cidrs) {
		return new CidrMatcher(Arrays.stream(cidrs).map(CidrBlock::of).toList());
	}

	/**
	 * Whether an address literal lies in one of the blocks.
	 * @param address an IPv4 or IPv6 literal, not {@code null}
	 * @return {@code true} if it does; {@code false} if not, or if it is not an address literal
	 */
	public boolean matches(String address) {
		Assert.notNull(address, "address must not be null");
		byte[] bytes = IpAddressLiterals.parse(address.trim());
		return bytes != null && this.blocks.stream().anyMatch((block) -> block.matches(bytes));
	}

	/**
	 * Whether this matcher has no block, and so matches nothing.
	 * @return {@code true} if it is empty
	 */
	public boolean isEmpty() {
		return this.blocks.isEmpty();
	}

	/**
	 * Return the blocks, in CIDR notation, separated by commas.
	 */
	@Override
	public String toString() {
		return String.join(",", this.blocks.stream().map(CidrBlock::toString).toList());
	}

}
