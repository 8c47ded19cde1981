/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

/**
 * Marks an exception by which a remote session store says it cannot tell whether a session
 * exists, while it answers for others: the nodes that would hold that session do not answer (a
 * memcached session whose primary and backup nodes are both down). It is no outage of the store:
 * the {@link SwitchableSessionRepository} does not count it as a failure, moves a session created
 * in its local store into the store (whose answering nodes take it), and serves any other session
 * from its local copy, never taking it for one deleted.
 */
public interface SessionStoreUncertainty {

}
