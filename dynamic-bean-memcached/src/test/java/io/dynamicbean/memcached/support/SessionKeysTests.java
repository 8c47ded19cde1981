/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.support;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link SessionKeys}.
 */
class SessionKeysTests {

	private final SessionKeys keys = new SessionKeys("app:session:");

	@Test
	void prefixesAWellFormedSessionId() {
		String id = UUID.randomUUID().toString();
		assertThat(this.keys.keyOf(id)).isEqualTo("app:session:" + id);
	}

	@Test
	void refusesMalformedSessionIds() {
		assertThat(this.keys.keyOf(null)).isNull();
		assertThat(this.keys.keyOf("")).isNull();
		assertThat(this.keys.keyOf("short")).isNull();
		assertThat(this.keys.keyOf("a".repeat(129))).isNull();
		assertThat(this.keys.keyOf("0123456789abcdef 1")).as("space").isNull();
		assertThat(this.keys.keyOf("0123456789abcdef\r\nflush_all")).as("protocol injection").isNull();
		assertThat(this.keys.keyOf("0123456789abcdef:other")).as("namespace escape").isNull();
		assertThat(this.keys.keyOf("0123456789abcdéf")).as("non-ASCII").isNull();
	}

	@Test
	void refusesAPrefixThatIsNoMemcachedKey() {
		assertThatIllegalArgumentException().isThrownBy(() -> new SessionKeys("my sessions:"))
			.withMessageContaining("dynamic-bean.memcached.key-prefix 'my sessions:' is not a valid memcached key prefix");
		assertThatIllegalArgumentException().isThrownBy(() -> new SessionKeys("p".repeat(101)));
	}

}
