/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
/**
 * What the benchmarks of {@code bench/} add to the example, kept out of the example's own code: a
 * session counter endpoint without extra store reads, an endpoint that pads sessions (how the cost
 * grows with the session), the {@code plain-redis} profile they compare
 * the library against, and the {@code memcached-floor} control (local sessions plus two raw
 * memcached round trips per request). Picked up by the example's component scan.
 */
@NullMarked
package io.dynamicbean.example.bench;

import org.jspecify.annotations.NullMarked;
