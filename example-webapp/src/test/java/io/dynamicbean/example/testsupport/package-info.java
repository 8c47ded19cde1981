/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
/**
 * Test fixture: real server processes (memcached, redis-server, haproxy, the application jar) on
 * free loopback ports, and HTTP clients that log in through them.
 */
@NullMarked
package io.dynamicbean.example.testsupport;

import org.jspecify.annotations.NullMarked;
