/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
/**
 * The example web application: a scaled-out Spring Boot app whose sessions live in memcached, Redis
 * or a database chosen by profile, and that starts and serves whether or not that store is up.
 */
@NullMarked
package io.dynamicbean.example;

import org.jspecify.annotations.NullMarked;
