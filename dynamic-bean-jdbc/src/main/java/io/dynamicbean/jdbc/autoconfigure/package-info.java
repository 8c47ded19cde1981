/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
/**
 * Spring Boot auto-configuration of the JDBC session store on Boot's own {@code spring.datasource.*}
 * and {@code spring.session.jdbc.*}.
 */
@NullMarked
package io.dynamicbean.jdbc.autoconfigure;

import org.jspecify.annotations.NullMarked;
