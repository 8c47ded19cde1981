/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.monitor;

import org.junit.jupiter.api.Test;

import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for binding and validating {@link L7CheckProperties} at start-up.
 */
class L7CheckPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(L7CheckConfiguration.class)
		.withBean(ApplicationAvailabilityBean.class);

	@Test
	void defaultsToLoopbackWithoutTokenOrTrustedProxies() {
		this.runner.run((context) -> {
			L7CheckProperties properties = context.getBean(L7CheckProperties.class);
			assertThat(properties.getAllowedAddresses()).map(CidrBlock::toString)
				.containsExactly("127.0.0.0/8", "::1/128");
			assertThat(properties.getToken()).isNull();
			assertThat(properties.getTrustedProxies()).isEmpty();
		});
	}

	@Test
	void bindsIpv4AndIpv6Blocks() {
		this.runner
			.withPropertyValues("monitor.l7check.allowed-addresses=10.0.0.0/8, 2001:db8::/32",
					"monitor.l7check.trusted-proxies=10.0.0.5")
			.run((context) -> {
				L7CheckProperties properties = context.getBean(L7CheckProperties.class);
				assertThat(properties.getAllowedAddresses()).map(CidrBlock::toString)
					.containsExactly("10.0.0.0/8", "2001:db8::/32");
				assertThat(properties.getTrustedProxies()).map(CidrBlock::toString).containsExactly("10.0.0.5/32");
			});
	}

	@Test
	void aMalformedAllowedAddressFailsStartUpNamingTheProperty() {
		this.runner.withPropertyValues("monitor.l7check.allowed-addresses=127.0.0.0/8,10.0.0.300/8")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("monitor.l7check.allowed-addresses")
				.hasStackTraceContaining("'10.0.0.300/8' is not a valid CIDR block"));
	}

	@Test
	void aMalformedTrustedProxyFailsStartUpNamingTheProperty() {
		this.runner.withPropertyValues("monitor.l7check.trusted-proxies=proxy.internal")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("monitor.l7check.trusted-proxies")
				.hasStackTraceContaining("'proxy.internal' is not a valid CIDR block"));
	}

	@Test
	void aShortTokenFailsStartUpNamingTheProperty() {
		this.runner.withPropertyValues("monitor.l7check.token=secret")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("monitor.l7check")
				.hasStackTraceContaining("token")
				.hasStackTraceContaining("at least 16 visible ASCII characters"));
	}

	@Test
	void anEmptyTokenMeansNoToken() {
		this.runner.withPropertyValues("monitor.l7check.token=")
			.run((context) -> assertThat(context.getBean(L7CheckProperties.class).getToken()).isNull());
	}

}
