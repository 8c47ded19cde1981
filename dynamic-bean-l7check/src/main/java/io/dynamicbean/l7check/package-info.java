/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
/**
 * The load balancer's L7 health check: its readiness-backed state, its handler and who may change it.
 */
@NullMarked
package io.dynamicbean.l7check;

import org.jspecify.annotations.NullMarked;
