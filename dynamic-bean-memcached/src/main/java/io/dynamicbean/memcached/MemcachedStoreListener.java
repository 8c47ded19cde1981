/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached;

import java.util.Locale;

/**
 * Told of what a {@link MemcachedSessionRepository} does on its nodes, for example to record it
 * in metrics: the outcome and duration of each operation per node, compare-and-set conflicts, and
 * the size of each session written. Every method does nothing by default.
 *
 * <p>Called on the request thread, once per operation: keep it cheap (no allocation per call:
 * cache what the arguments select, they come from small fixed sets) and do not throw.
 *
 * @see MemcachedSessionRepository#setStoreListener(MemcachedStoreListener)
 */
public interface MemcachedStoreListener {

	/** A listener that does nothing: the default of a repository. */
	MemcachedStoreListener NONE = new MemcachedStoreListener() {
	};

	/**
	 * Called when the request has its answer to one operation on one node, or gave up waiting.
	 * Operations sent without waiting for them (backup writes) are not reported.
	 * @param node the node's {@code host:port} as configured, the same {@code String} instance
	 * for every operation on that node
	 * @param operation the operation
	 * @param outcome its outcome
	 * @param nanos how long the request waited, from sending the operation to taking its answer
	 */
	default void onOperation(String node, Operation operation, Outcome outcome, long nanos) {
	}

	/**
	 * Called when a write found the session written by another request since it was read (a
	 * {@code cas} answered "exists", or the {@code add} of a new session found its id taken).
	 * @param retrying {@code true} if the write is tried again on the new version, {@code false}
	 * if it gives up ({@link MemcachedSessionRepository#MAX_WRITE_ATTEMPTS} attempts made)
	 */
	default void onCasConflict(boolean retrying) {
	}

	/**
	 * Called when a session was written to its node, with the size of the item's value.
	 * Deletions (tombstones) and copies to other nodes are not reported.
	 * @param bytes the encoded size of the session
	 */
	default void onSessionWritten(int bytes) {
	}

	/**
	 * A memcached operation of the session store.
	 */
	enum Operation {

		/** Read a session with its CAS value. */
		GETS,

		/** Write a new session. */
		ADD,

		/** Write a session over the version read. */
		CAS,

		/** Write unconditionally: a tombstone, or a copy while the nodes settle. */
		SET,

		/** Delete a stale copy. */
		DELETE;

		private final String tag = name().toLowerCase(Locale.ROOT);

		/**
		 * Return the memcached command: {@code gets}, {@code add}, {@code cas}, {@code set} or
		 * {@code delete}.
		 * @return the lower-case name
		 */
		public String tag() {
			return this.tag;
		}

	}

	/**
	 * The outcome of a memcached operation.
	 */
	enum Outcome {

		/** The node answered (a hit, a miss, stored, or "exists"). */
		SUCCESS,

		/** The node did not answer within the operation timeout. */
		TIMEOUT,

		/** The node answered with an error. */
		REFUSED,

		/** The operation could not be sent or was cancelled (no connection), or failed otherwise. */
		ERROR;

		private final String tag = name().toLowerCase(Locale.ROOT);

		/**
		 * Return the outcome as a tag value: {@code success}, {@code timeout}, {@code refused} or
		 * {@code error}.
		 * @return the lower-case name
		 */
		public String tag() {
			return this.tag;
		}

	}

}
