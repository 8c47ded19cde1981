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
 * Tests for {@link L7CheckAccessPolicy}.
 */
class L7CheckAccessPolicyTests {

	private static final String TOKEN = "s3cret-token-0123456789";

	@Test
	void allowsLoopbackByDefault() {
		L7CheckAccessPolicy policy = new L7CheckAccessPolicy(new L7CheckProperties());
		assertThat(policy.decide(request("127.0.0.1")).allowed()).isTrue();
		assertThat(policy.decide(request("0:0:0:0:0:0:0:1")).allowed()).isTrue();
		assertThat(policy.decide(request("192.0.2.1")).allowed()).isFalse();
	}

	@Test
	void refusesAnAddressOutsideTheAllowList() {
		L7CheckAccessPolicy policy = policy(null, "127.0.0.1/32");
		L7CheckAccessPolicy.Decision decision = policy.decide(request("127.0.0.2"));
		assertThat(decision.allowed()).isFalse();
		assertThat(decision.client()).isEqualTo("127.0.0.2");
		assertThat(decision.reason()).contains("allowed-addresses");
	}

	@Test
	void anEmptyAllowListAllowsNoOne() {
		assertThat(policy(null).decide(request("127.0.0.1")).allowed()).isFalse();
	}

	@Test
	void requiresTheTokenWhenOneIsSet() {
		L7CheckAccessPolicy policy = policy(TOKEN, "127.0.0.0/8");
		assertThat(policy.decide(request("127.0.0.1")).reason()).contains("no X-L7-Token");
		MockHttpServletRequest wrong = request("127.0.0.1");
		wrong.addHeader("X-L7-Token", TOKEN + "x");
		assertThat(policy.decide(wrong).allowed()).isFalse();
		assertThat(policy.decide(wrong).reason()).contains("wrong X-L7-Token");
		MockHttpServletRequest right = request("127.0.0.1");
		right.addHeader("X-L7-Token", TOKEN);
		assertThat(policy.decide(right).allowed()).isTrue();
	}

	@Test
	void theRightTokenFromAnAddressOutsideTheAllowListIsRefused() {
		MockHttpServletRequest request = request("192.0.2.1");
		request.addHeader("X-L7-Token", TOKEN);
		assertThat(policy(TOKEN, "127.0.0.0/8").decide(request).allowed()).isFalse();
	}

	private static L7CheckAccessPolicy policy(String token, String... allowed) {
		L7CheckProperties properties = new L7CheckProperties();
		properties.setAllowedAddresses(List.of(allowed).stream().map(CidrBlock::of).toList());
		properties.setToken(token);
		return new L7CheckAccessPolicy(properties);
	}

	private static MockHttpServletRequest request(String peer) {
		MockHttpServletRequest request = new MockHttpServletRequest("PUT", "/monitor/l7check");
		request.setRemoteAddr(peer);
		return request;
	}

}
