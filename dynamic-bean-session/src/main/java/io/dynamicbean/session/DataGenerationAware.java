/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import org.jspecify.annotations.Nullable;

/**
 * Implemented by a session repository whose data can be lost in part: a cluster whose nodes each
 * hold some of the sessions and can restart empty one at a time, as memcached's do.
 *
 * <p>The {@link SwitchableSessionRepository} keeps one epoch marker per store to tell a session
 * deleted on purpose from one the store lost; in such a store the marker lives on some nodes only,
 * and survives the loss of the nodes that held a session. So the front records, with each fallback
 * copy, the generation of the data of the part of the store that holds the session, read before
 * the write, and when the store misses the session later it restores the copy if that generation
 * changed since, even though the marker did not.
 *
 * <p>{@link #dataGenerationOf} is called on request threads each time a session is written to the
 * store: an implementation answers from memory, or with at most one short read after its nodes
 * reconnected. {@link #readDataGenerationOf} is called only when the store misses a session the
 * front holds a copy of, and reads the store again: a node that restarted moments ago may not have
 * been noticed yet.
 */
public interface DataGenerationAware {

	/**
	 * Return the generation of the data of the part of the store that holds a session.
	 * @param sessionId the session id
	 * @return an opaque token that changes whenever that part may have lost its data (for a
	 * memcached cluster, the generations of the session's home nodes), or {@code null} when not
	 * known; never throws
	 */
	@Nullable String dataGenerationOf(String sessionId);

	/**
	 * Return the generation of the data of the part of the store that holds a session, read from
	 * the store now where it can be.
	 * @param sessionId the session id
	 * @return as {@link #dataGenerationOf}; by default what it returns
	 */
	default @Nullable String readDataGenerationOf(String sessionId) {
		return dataGenerationOf(sessionId);
	}

}
