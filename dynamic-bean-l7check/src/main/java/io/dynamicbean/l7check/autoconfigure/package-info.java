/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
/**
 * Spring Boot auto-configuration of the L7 check and its {@code dynamic-bean.l7check.*} properties.
 */
@NullMarked
package io.dynamicbean.l7check.autoconfigure;

import org.jspecify.annotations.NullMarked;
