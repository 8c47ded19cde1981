/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
/**
 * Machinery behind the L7 check: start-up reports and request checks; applications need not use it.
 */
@NullMarked
package io.dynamicbean.l7check.support;

import org.jspecify.annotations.NullMarked;
