/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * Checks the retry delays of the memcached generators, which the core counts in whole seconds.
 */
final class GeneratorDelays {

	private GeneratorDelays() {
	}

	static Duration check(Duration delay) {
		Assert.notNull(delay, "delay must not be null");
		Assert.isTrue(!delay.isNegative() && delay.getNano() == 0, () -> "dynamic-bean.memcached.retry-delay must be a "
				+ "whole number of seconds, zero (never retry) or more, but was " + delay);
		return delay;
	}

}
