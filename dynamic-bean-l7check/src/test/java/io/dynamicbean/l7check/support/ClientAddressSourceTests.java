/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.l7check.support;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClientAddressSource}.
 */
class ClientAddressSourceTests {

	@Test
	void isTheTcpPeerByDefault() {
		ClientAddressSource source = ClientAddressSource.of(new MockEnvironment());
		assertThat(source.isSpoofable()).isFalse();
		assertThat(source.getDescription()).isEqualTo("the TCP peer (no proxy trusted)");
	}

	@Test
	void isTheTcpPeerWithTheNoneStrategy() {
		assertThat(of("server.forward-headers-strategy", "none").getDescription()).startsWith("the TCP peer");
	}

	@Test
	void frameworkStrategyIsSpoofable() {
		ClientAddressSource source = of("server.forward-headers-strategy", "framework");
		assertThat(source.isSpoofable()).isTrue();
		assertThat(source.getDescription()).contains("anyone can forge");
	}

	@Test
	void remoteIpValveWithBootsDefaultInternalProxiesIsSpoofable() {
		ClientAddressSource source = of("server.tomcat.remoteip.remote-ip-header", "X-Forwarded-For");
		assertThat(source.isSpoofable()).isTrue();
		assertThat(source.getDescription()).contains("every private and loopback range");
		assertThat(of("server.forward-headers-strategy", "native").isSpoofable()).isTrue();
	}

	@Test
	void remoteIpValveOnACloudPlatformIsDetected() {
		ClientAddressSource source = of("spring.main.cloud-platform", "kubernetes");
		assertThat(source.isSpoofable()).isTrue();
		assertThat(source.getDescription()).contains("RemoteIpValve");
	}

	@Test
	void remoteIpValveWithListedProxiesIsTrusted() {
		MockEnvironment environment = new MockEnvironment()
			.withProperty("server.tomcat.remoteip.remote-ip-header", "X-Forwarded-For")
			.withProperty("server.tomcat.remoteip.internal-proxies", "10.20.0.5/32");
		ClientAddressSource source = ClientAddressSource.of(environment);
		assertThat(source.isSpoofable()).isFalse();
		assertThat(source.getDescription()).contains("internal-proxies=10.20.0.5/32");
	}

	private static ClientAddressSource of(String property, String value) {
		return ClientAddressSource.of(new MockEnvironment().withProperty(property, value));
	}

}
