/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
/**
 * Start-up checks behind the L7 check's auto-configuration; applications need not use them.
 */
@NullMarked
package io.dynamicbean.l7check.support;

import org.jspecify.annotations.NullMarked;
