/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
/**
 * Spring Session's Redis repository as a dynamic bean behind the switchable session front.
 */
@NullMarked
package io.dynamicbean.redis;

import org.jspecify.annotations.NullMarked;
