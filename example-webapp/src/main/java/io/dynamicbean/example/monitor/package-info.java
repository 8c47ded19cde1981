/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
/**
 * The L7 health check of the load balancer, {@code /monitor/l7check}, backed by Spring Boot's
 * readiness state, and the address allow-list and token that guard changing it.
 */
@NullMarked
package io.dynamicbean.example.monitor;

import org.jspecify.annotations.NullMarked;
