/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.support;

import io.dynamicbean.memcached.support.RevisionTranscoder.Item;
import org.jspecify.annotations.Nullable;

/**
 * The operations the session store sends to one memcached node: the only way it reaches a node.
 * Each operation is sent at once and answers through a {@link NodeReply}, which the caller waits
 * for within the {@link #getOperationTimeoutMillis() operation timeout}. Expiry is in seconds, as
 * memcached's (longer than 30 days: an absolute Unix time); the revision travels in the item's
 * flags.
 */
public interface MemcachedNode {

	/**
	 * Read an item with its CAS value.
	 * @param key the key
	 * @return the item, {@code null} when the node does not hold it
	 */
	NodeReply<@Nullable Stored> gets(String key);

	/**
	 * Store an item only if the node does not hold the key.
	 * @param key the key
	 * @param expiry the expiry in seconds
	 * @param item the revision and bytes
	 * @return stored, or {@link Written.Status#EXISTS} when the key is held
	 */
	NodeReply<Written> add(String key, int expiry, Item item);

	/**
	 * Store an item only if the node's CAS value of the key is still the one read.
	 * @param key the key
	 * @param cas the CAS value read
	 * @param expiry the expiry in seconds
	 * @param item the revision and bytes
	 * @return stored, {@link Written.Status#EXISTS} when written since, or
	 * {@link Written.Status#NOT_FOUND} when gone
	 */
	NodeReply<Written> cas(String key, long cas, int expiry, Item item);

	/**
	 * Store an item whatever the node holds.
	 * @param key the key
	 * @param expiry the expiry in seconds
	 * @param item the revision and bytes
	 * @return stored, or refused
	 */
	NodeReply<Written> set(String key, int expiry, Item item);

	/**
	 * Remove an item.
	 * @param key the key
	 * @return whether the node held it
	 */
	NodeReply<Boolean> delete(String key);

	/**
	 * Read an item's bytes, as a probe of the node does.
	 * @param key the key
	 * @return the bytes, {@code null} when the node does not hold the key
	 */
	NodeReply<byte @Nullable []> get(String key);

	/**
	 * Return the longest wait for an operation of this node.
	 * @return milliseconds
	 */
	long getOperationTimeoutMillis();

	/**
	 * Close the node's connection; operations sent afterwards fail.
	 */
	void shutdown();

	/**
	 * An item read with its CAS value.
	 * @param cas the node's CAS value of the item
	 * @param item its revision and bytes
	 */
	record Stored(long cas, Item item) {
	}

	/**
	 * The outcome of a write.
	 * @param status what the node did
	 * @param cas the CAS value of the item stored, {@code 0} when not stored or not told
	 * @param message the node's message when it refused the write, else empty
	 */
	record Written(Status status, long cas, String message) {

		/** A write the node stored, with the CAS value it returned ({@code 0} when unknown). */
		public static Written stored(long cas) {
			return new Written(Status.STORED, cas, "");
		}

		/** Tell whether the node stored the write. */
		public boolean isStored() {
			return this.status == Status.STORED;
		}

		/**
		 * What a node did with a write.
		 */
		public enum Status {

			/** Stored. */
			STORED,

			/** Not stored: the key is held ({@code add}) or was written since it was read ({@code cas}). */
			EXISTS,

			/** Not stored: the key is not held ({@code cas}). */
			NOT_FOUND,

			/** Refused for another reason (too large, out of memory). */
			REFUSED

		}

	}

}
