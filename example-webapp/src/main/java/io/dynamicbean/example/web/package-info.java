/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
/**
 * The pages of the example: {@code GET /session} (JSON) and the home page, which show which
 * instance answered, where the session lives and a counter kept in it.
 */
@NullMarked
package io.dynamicbean.example.web;

import org.jspecify.annotations.NullMarked;
