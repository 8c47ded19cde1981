/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
/**
 * Spring Boot auto-configuration of the Redis session store on Boot's own {@code spring.data.redis.*}.
 */
@NullMarked
package io.dynamicbean.redis.autoconfigure;

import org.jspecify.annotations.NullMarked;
