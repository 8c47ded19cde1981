/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.monitor;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link CidrMatcher}.
 */
class CidrMatcherTests {

	@Test
	void matchesAnAddressInAnyOfItsBlocks() {
		CidrMatcher matcher = CidrMatcher.of("127.0.0.0/8", "::1/128", "192.0.2.0/24");
		assertThat(matcher.matches("127.0.0.1")).isTrue();
		assertThat(matcher.matches("0:0:0:0:0:0:0:1")).isTrue();
		assertThat(matcher.matches("192.0.2.200")).isTrue();
		assertThat(matcher.matches("198.51.100.1")).isFalse();
		assertThat(matcher.matches("2001:db8::1")).isFalse();
	}

	@Test
	void anEmptyMatcherMatchesNothing() {
		CidrMatcher matcher = new CidrMatcher(List.of());
		assertThat(matcher.isEmpty()).isTrue();
		assertThat(matcher.matches("127.0.0.1")).isFalse();
	}

	@Test
	void refusesAMalformedBlockWhenBuilt() {
		assertThatIllegalArgumentException().isThrownBy(() -> CidrMatcher.of("127.0.0.0/8", "10.0.0.0/40"))
			.withMessageContaining("'10.0.0.0/40'");
	}

	@Test
	void printsItsBlocks() {
		assertThat(CidrMatcher.of("127.0.0.0/8", "::1")).hasToString("127.0.0.0/8,::1/128");
	}

}
