/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
/**
 * Spring Boot auto-configuration of the memcached session store and its properties under
 * {@code dynamic-bean.memcached}.
 */
@NullMarked
package io.dynamicbean.memcached.autoconfigure;

import org.jspecify.annotations.NullMarked;
