/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.simulation;

/**
 * Short names of keys and session ids for trace lines.
 */
final class Keys {

	private Keys() {
	}

	static String shortKey(String key) {
		int colon = key.lastIndexOf(':');
		return shortId(key.substring(colon + 1));
	}

	static String shortId(String id) {
		return (id.length() > 6) ? id.substring(0, 6) : id;
	}

}
