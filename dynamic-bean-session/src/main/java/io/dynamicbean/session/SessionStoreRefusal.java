/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

/**
 * Marks an exception that a remote session store throws when it refuses to save one session for a
 * reason of that session (too large, a value that cannot be serialized, written by too many
 * concurrent requests), while the store itself works.
 *
 * <p>{@link SwitchableSessionRepository} keeps such a session in this instance's local store, as it
 * does during an outage, but does not count the refusal as a failure of the store: no failure
 * handler or listener is told, so one oversized session never switches an application away from a
 * healthy store. Each refusal is logged at WARN with the exception's message.
 */
public interface SessionStoreRefusal {

}
