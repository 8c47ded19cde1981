/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import net.spy.memcached.DefaultHashAlgorithm;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A consistent-hash ring over memcached nodes, as ketama: {@value #POINTS_PER_NODE} points per
 * node, taken from MD5 digests of the node's name, and a key's position from the MD5 digest of the
 * key. {@link #nodesFor} lists every node once, in ring order from the key's position: the first is
 * the key's primary node, the second its backup, and the others where the key goes when those
 * fail. Adding or removing a node moves only the keys whose positions it takes or frees. Each
 * thread remembers the last key it looked up and its nodes: a request asks for the nodes of its
 * session's key several times (to read, to write, to check and to copy).
 */
public final class HashRing {

	/** Points of each node on the ring (ketama's own number). */
	public static final int POINTS_PER_NODE = 160;

	private final NavigableMap<Long, Integer> points = new TreeMap<>();

	private final int size;

	private final ThreadLocal<@Nullable Lookup> lastLookup = new ThreadLocal<>();

	/**
	 * Create a ring.
	 * @param nodeNames the names of the nodes ({@code host:port}), not empty, distinct
	 */
	public HashRing(List<String> nodeNames) {
		Assert.notEmpty(nodeNames, "nodeNames must not be empty");
		this.size = nodeNames.size();
		for (int node = 0; node < nodeNames.size(); node++) {
			for (int i = 0; i < POINTS_PER_NODE / 4; i++) {
				byte[] digest = DefaultHashAlgorithm.computeMd5(nodeNames.get(node) + "-" + i);
				for (int h = 0; h < 4; h++) {
					this.points.putIfAbsent(position(digest, h), node);
				}
			}
		}
	}

	/**
	 * List every node once, in ring order from a key's position.
	 * @param key the key
	 * @return the node indexes, primary first
	 */
	public List<Integer> nodesFor(String key) {
		if (this.size == 1) {
			return List.of(0);
		}
		Lookup last = this.lastLookup.get();
		if (last != null && last.key().equals(key)) {
			return last.nodes();
		}
		long position = DefaultHashAlgorithm.KETAMA_HASH.hash(key);
		List<Integer> nodes = new ArrayList<>(this.size);
		walk(this.points.tailMap(position, true), nodes);
		walk(this.points.headMap(position, false), nodes);
		List<Integer> found = Collections.unmodifiableList(nodes);
		this.lastLookup.set(new Lookup(key, found));
		return found;
	}

	private void walk(Map<Long, Integer> points, List<Integer> nodes) {
		for (Integer node : points.values()) {
			if (nodes.size() == this.size) {
				return;
			}
			if (!nodes.contains(node)) {
				nodes.add(node);
			}
		}
	}

	/**
	 * The nodes of a key, in ring order.
	 */
	private record Lookup(String key, List<Integer> nodes) {
	}

	private static long position(byte[] digest, int h) {
		return ((long) (digest[3 + h * 4] & 0xFF) << 24) | ((long) (digest[2 + h * 4] & 0xFF) << 16)
				| ((long) (digest[1 + h * 4] & 0xFF) << 8) | (digest[h * 4] & 0xFF);
	}

}
