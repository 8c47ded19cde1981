/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.monitor;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClientAddressResolver}.
 */
class ClientAddressResolverTests {

	@Test
	void withoutTrustedProxiesIgnoresForwardedHeaders() {
		ClientAddressResolver resolver = new ClientAddressResolver(new CidrMatcher(List.of()));
		MockHttpServletRequest request = request("203.0.113.9", "127.0.0.1");
		request.addHeader("Forwarded", "for=127.0.0.1");
		assertThat(resolver.resolve(request)).isEqualTo("203.0.113.9");
	}

	@Test
	void ignoresForwardedHeadersFromAPeerThatIsNotATrustedProxy() {
		ClientAddressResolver resolver = new ClientAddressResolver(CidrMatcher.of("10.0.0.5/32"));
		assertThat(resolver.resolve(request("10.0.0.6", "127.0.0.1"))).isEqualTo("10.0.0.6");
	}

	@Test
	void takesTheRightMostUntrustedAddressFromATrustedProxy() {
		ClientAddressResolver resolver = new ClientAddressResolver(CidrMatcher.of("10.0.0.0/29"));
		MockHttpServletRequest request = request("10.0.0.5", "127.0.0.1, 198.51.100.7, 10.0.0.2");
		assertThat(resolver.resolve(request)).as("the left-most entry is whatever the client wrote")
			.isEqualTo("198.51.100.7");
	}

	@Test
	void readsEveryXForwardedForHeaderInOrder() {
		ClientAddressResolver resolver = new ClientAddressResolver(CidrMatcher.of("10.0.0.0/29"));
		MockHttpServletRequest request = request("10.0.0.5", "127.0.0.1");
		request.addHeader("X-Forwarded-For", "198.51.100.7");
		assertThat(resolver.resolve(request)).isEqualTo("198.51.100.7");
	}

	@Test
	void takesTheLeftMostAddressWhenEveryHopIsTrusted() {
		ClientAddressResolver resolver = new ClientAddressResolver(CidrMatcher.of("10.0.0.0/8"));
		assertThat(resolver.resolve(request("10.0.0.5", "10.1.1.1, 10.2.2.2"))).isEqualTo("10.1.1.1");
	}

	@Test
	void takesThePeerWhenATrustedProxySendsNoHeader() {
		ClientAddressResolver resolver = new ClientAddressResolver(CidrMatcher.of("10.0.0.0/8"));
		assertThat(resolver.resolve(request("10.0.0.5", null))).isEqualTo("10.0.0.5");
	}

	@Test
	void stopsAtAnEntryThatIsNotAnAddress() {
		ClientAddressResolver resolver = new ClientAddressResolver(CidrMatcher.of("10.0.0.0/8"));
		assertThat(resolver.resolve(request("10.0.0.5", "127.0.0.1, unknown, 10.0.0.9"))).isEqualTo("unknown");
	}

	private static MockHttpServletRequest request(String peer, String forwardedFor) {
		MockHttpServletRequest request = new MockHttpServletRequest("PUT", "/monitor/l7check");
		request.setRemoteAddr(peer);
		if (forwardedFor != null) {
			request.addHeader("X-Forwarded-For", forwardedFor);
		}
		return request;
	}

}
