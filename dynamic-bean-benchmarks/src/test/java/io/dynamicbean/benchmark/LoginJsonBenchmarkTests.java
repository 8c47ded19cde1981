/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.benchmark;

import org.junit.jupiter.api.Test;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LoginJsonBenchmark}: the JSON holds the whole login.
 */
class LoginJsonBenchmarkTests {

	@Test
	void readsBackTheLoginItWrote() {
		LoginJsonBenchmark benchmark = new LoginJsonBenchmark();
		benchmark.encodeLogin();
		SecurityContext context = benchmark.readLogin();
		assertThat(context.getAuthentication().getName()).isEqualTo("user1");
		assertThat(context.getAuthentication().getAuthorities()).hasSize(2);
		assertThat(context.getAuthentication().getDetails()).isInstanceOf(WebAuthenticationDetails.class);
		assertThat(benchmark.jsonLength()).isPositive();
	}

}
