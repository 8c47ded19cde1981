/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
/**
 * A deterministic simulator of the memcached session store: simulated nodes behind the per-node
 * seam, simulated time, and seeded schedules of requests and faults checked against the
 * invariants of {@code docs/consistency.md}.
 */
@NullMarked
package io.dynamicbean.memcached.simulation;

import org.jspecify.annotations.NullMarked;
