/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
/**
 * Where sessions are kept, chosen by Spring profile: the default profile uses memcached through
 * dynamic-bean-memcached; the {@code redis} and {@code jdbc} profiles use the generators of the
 * sub-packages.
 */
@NullMarked
package io.dynamicbean.example.session;

import org.jspecify.annotations.NullMarked;
