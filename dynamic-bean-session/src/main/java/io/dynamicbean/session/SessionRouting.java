/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * What the edge of the application (the web layer) does when the front serves the session of its
 * request: given to a {@link SessionRequestScope} by whoever opens it, so the front calls it
 * without knowing about requests, responses or cookies. The web layer's implementation sets the
 * affinity and writer cookies ({@code io.dynamicbean.session.web.SessionAffinity}).
 *
 * <p>Called on the request thread, in the front's calls: keep it cheap.
 */
public interface SessionRouting {

	/**
	 * Called before the front serves the request's session from its local store (no remote store
	 * active, or it fails): the place to stop when another instance holds a fresher copy.
	 * @throws RuntimeException to end the look-up, for example to send the request to the
	 * instance that holds the session; it reaches the caller of the front unchanged
	 */
	void beforeLocalRead();

	/**
	 * Called after the front saved the request's session.
	 * @param onSharedStoreFor {@code null} if the session now lives only in this instance's local
	 * store, otherwise how long the shared store that holds it has been switched in
	 * @param changed whether the save changed the session beyond its last access time, which
	 * makes this instance its last writer
	 */
	void saved(@Nullable Duration onSharedStoreFor, boolean changed);

}
