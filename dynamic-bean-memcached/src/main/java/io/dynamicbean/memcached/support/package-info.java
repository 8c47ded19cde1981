/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
/**
 * Machinery of the memcached session store: the per-node seam ({@link MemcachedNode}), the session
 * encoding, the deserialization allow-list, session id validation and the connection probe.
 * Applications never need to import it.
 */
@NullMarked
package io.dynamicbean.memcached.support;

import org.jspecify.annotations.NullMarked;
