/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.l7check.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for binding and validating {@link L7CheckProperties} at start-up.
 */
class L7CheckPropertiesTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(ApplicationAvailabilityAutoConfiguration.class, L7CheckAutoConfiguration.class));

	@Test
	void defaultsToLoopbackWithoutToken() {
		this.runner.run((context) -> {
			L7CheckProperties properties = context.getBean(L7CheckProperties.class);
			assertThat(properties.getPath()).isEqualTo("/monitor/l7check");
			assertThat(properties.getAllowedAddresses()).containsExactly("127.0.0.1", "::1");
			assertThat(properties.getToken()).isNull();
		});
	}

	@Test
	void bindsIpv4AndIpv6RulesAndAPath() {
		this.runner
			.withPropertyValues("dynamic-bean.l7check.allowed-addresses=10.0.0.0/8, 2001:db8::/32",
					"dynamic-bean.l7check.path=/lb/check")
			.run((context) -> {
				L7CheckProperties properties = context.getBean(L7CheckProperties.class);
				assertThat(properties.getAllowedAddresses()).containsExactly("10.0.0.0/8", "2001:db8::/32");
				assertThat(properties.getPath()).isEqualTo("/lb/check");
			});
	}

	@Test
	void aMalformedRuleFailsStartUpNamingThePropertyAndTheRule() {
		this.runner.withPropertyValues("dynamic-bean.l7check.allowed-addresses=127.0.0.1,10.0.0.300/8")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("dynamic-bean.l7check.allowed-addresses")
				.hasStackTraceContaining("'10.0.0.300/8' is not an IPv4 or IPv6 address or CIDR block"));
	}

	@Test
	void aHostNameRuleFailsStartUp() {
		this.runner.withPropertyValues("dynamic-bean.l7check.allowed-addresses=lb.internal")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("'lb.internal' is not an IPv4 or IPv6 address or CIDR block"));
	}

	@Test
	void aShortTokenFailsStartUpNamingThePropertyButNotTheToken() {
		this.runner.withPropertyValues("dynamic-bean.l7check.token=secret-42")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("dynamic-bean.l7check.token must be empty or at least 16 visible ASCII")
				.satisfies((failure) -> assertThat(failure.toString()).doesNotContain("secret-42")));
	}

	@Test
	void anEmptyTokenMeansNoToken() {
		this.runner.withPropertyValues("dynamic-bean.l7check.token=")
			.run((context) -> assertThat(context.getBean(L7CheckProperties.class).getToken()).isNull());
	}

	@Test
	void aPathWithoutLeadingSlashFailsStartUp() {
		this.runner.withPropertyValues("dynamic-bean.l7check.path=monitor/l7check")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("dynamic-bean.l7check.path")
				.hasStackTraceContaining("must be a plain path starting with '/'"));
	}

}
