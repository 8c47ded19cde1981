/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.support;

import java.net.SocketAddress;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

import net.spy.memcached.DefaultHashAlgorithm;
import net.spy.memcached.KetamaNodeLocator;
import net.spy.memcached.MemcachedNode;
import net.spy.memcached.NodeLocator;
import org.jspecify.annotations.Nullable;

/**
 * The spymemcached {@link NodeLocator} of one client connected to every node of the cluster: an
 * operation sent through {@link #sendTo} goes to the node it names, so that the store chooses the
 * node of each operation while every node shares one connection object and one I/O thread (one
 * wake-up of that thread serves the operations a request sends to a key's primary and backup at
 * once). Spymemcached asks the locator for the node on the thread that sends the operation, before
 * it queues it; an operation sent otherwise goes where consistent hashing (ketama) puts its key.
 * Nodes are numbered in the order of the client's addresses.
 */
public final class NodePinningLocator implements NodeLocator {

	private final List<MemcachedNode> nodes;

	private final NodeLocator hashing;

	private final ThreadLocal<@Nullable MemcachedNode> pinned = new ThreadLocal<>();

	/**
	 * Create the locator of a client's nodes.
	 * @param nodes the nodes, in the order of the client's addresses
	 */
	public NodePinningLocator(List<MemcachedNode> nodes) {
		this.nodes = List.copyOf(nodes);
		this.hashing = new KetamaNodeLocator(nodes, DefaultHashAlgorithm.KETAMA_HASH);
	}

	/**
	 * Send an operation to a node: the operation must be queued on the calling thread, as the
	 * client's {@code async...} methods (and its {@code set}, {@code add}, {@code delete}) do.
	 * @param <T> the type of the operation's future
	 * @param node the node's number
	 * @param operation sends the operation through the client
	 * @return the operation's future
	 */
	public <T> T sendTo(int node, Supplier<T> operation) {
		MemcachedNode previous = this.pinned.get();
		this.pinned.set(this.nodes.get(node));
		try {
			return operation.get();
		}
		finally {
			this.pinned.set(previous);
		}
	}

	/**
	 * Return the number of the node at an address.
	 * @param address the address, as spymemcached reports it to connection observers
	 * @return the node's number, or -1 if no node has that address
	 */
	public int indexOf(SocketAddress address) {
		for (int i = 0; i < this.nodes.size(); i++) {
			if (this.nodes.get(i).getSocketAddress().equals(address)) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * Return how many nodes the client connects to.
	 * @return the number of nodes
	 */
	public int size() {
		return this.nodes.size();
	}

	@Override
	public MemcachedNode getPrimary(String key) {
		MemcachedNode node = this.pinned.get();
		return (node != null) ? node : this.hashing.getPrimary(key);
	}

	@Override
	public Iterator<MemcachedNode> getSequence(String key) {
		return this.hashing.getSequence(key);
	}

	@Override
	public Collection<MemcachedNode> getAll() {
		return this.nodes;
	}

	@Override
	public NodeLocator getReadonlyCopy() {
		return this.hashing.getReadonlyCopy();
	}

	@Override
	public void updateLocator(List<MemcachedNode> nodes) {
		throw new UnsupportedOperationException("The nodes of a memcached session cluster are fixed at its creation");
	}

}
