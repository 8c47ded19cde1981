/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
/**
 * A session value of the example's own class: the page a user asked to remember.
 */
@NullMarked
package io.dynamicbean.example.visit;

import org.jspecify.annotations.NullMarked;
