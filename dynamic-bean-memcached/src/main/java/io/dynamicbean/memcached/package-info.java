/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
/**
 * Memcached-backed Spring Session and Spring Security context storage built by dynamic beans: the
 * generators of the client, the session repository and the security-context repository, and the
 * monitor that takes them out when memcached stops answering.
 */
@NullMarked
package io.dynamicbean.memcached;

import org.jspecify.annotations.NullMarked;
