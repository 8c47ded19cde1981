/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.l7check.support;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CanonicalPath}.
 */
class CanonicalPathTests {

	@ParameterizedTest
	@ValueSource(strings = { "/", "/monitor/l7check", "/app/monitor/l7check", "/monitor/l7-check_v2.txt",
			"/MONITOR/L7Check", "/monitor/..l7check" })
	void acceptsAPathSpelledAsItIsRouted(String uri) {
		assertThat(CanonicalPath.isCanonical(uri)).as(uri).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/%6Donitor/l7check", "/monitor/l7%63heck", "/%6dONITOR/l7check", "//monitor/l7check",
			"/monitor//l7check", "/./monitor/l7check", "/x/../monitor/l7check", "/%2e/monitor/l7check",
			"/monitor;x=y/l7check", "/monitor/l7check;jsessionid=1", "/monitor/l7check/", "/monitor%2Fl7check",
			"/monitor\\l7check", "/x/..;/monitor/l7check", "/monitor/.", "/monitor/..", "monitor/l7check", "",
			"/monitor/l7check\u00e9", "/monitor/l7 check" })
	void refusesEveryOtherSpelling(String uri) {
		assertThat(CanonicalPath.isCanonical(uri)).as(uri).isFalse();
	}

}
