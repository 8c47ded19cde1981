/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
/**
 * Spring Security set-up: form login with the security context kept in the switchable session
 * store, and the paths that bypass login (the L7 check, health probes).
 */
@NullMarked
package io.dynamicbean.example.security;

import org.jspecify.annotations.NullMarked;
