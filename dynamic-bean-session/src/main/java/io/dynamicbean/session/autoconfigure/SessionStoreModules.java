/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session.autoconfigure;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * Checks that the module of the store chosen by {@code dynamic-bean.session.store} is on the class
 * path, so that a missing dependency fails start-up with a message instead of leaving the
 * application on local sessions for good. Other values (a store of the application's own) are
 * not checked.
 */
final class SessionStoreModules {

	/** A class of each known store's module, by store name. */
	private static final Map<String, String> MARKERS = Map.of("memcached",
			"io.dynamicbean.memcached.MemcachedClientGenerator", "redis",
			"io.dynamicbean.redis.RedisSessionRepositoryGenerator", "jdbc",
			"io.dynamicbean.jdbc.JdbcSessionRepositoryGenerator");

	private SessionStoreModules() {
	}

	/**
	 * Fail when the chosen store is a known one whose module is missing.
	 * @param store the value of {@code dynamic-bean.session.store}, or {@code null}
	 * @param classLoader where to look for the module
	 * @throws IllegalStateException naming the module to add
	 */
	static void check(@Nullable String store, @Nullable ClassLoader classLoader) {
		if (store == null) {
			return;
		}
		String marker = MARKERS.get(store);
		if (marker != null && !ClassUtils.isPresent(marker, classLoader)) {
			throw new IllegalStateException("dynamic-bean.session.store=" + store + " needs the dynamic-bean-" + store
					+ " module on the class path: add the io.dynamicbean:dynamic-bean-" + store + " dependency, or "
					+ "choose another store");
		}
	}

}
