/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
/**
 * A deterministic simulator of the memcached session store, alone ({@code Simulation}) and under
 * the switchable fronts ({@code FrontSimulation}): simulated nodes behind the per-node seam, a link
 * per instance and node, simulated time with a clock per instance, and seeded schedules of requests
 * and faults checked against the invariants of {@code docs/consistency.md}.
 */
@NullMarked
package io.dynamicbean.memcached.simulation;

import org.jspecify.annotations.NullMarked;
