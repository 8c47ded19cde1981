/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.l7check;

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
	void decidesOnTheRemoteAddress() {
		L7CheckAccessPolicy policy = policy(null, "127.0.0.1", "::1");
		assertThat(policy.decide(request("127.0.0.1")).allowed()).isTrue();
		assertThat(policy.decide(request("0:0:0:0:0:0:0:1")).allowed()).isTrue();
		L7CheckAccessPolicy.Decision refused = policy.decide(request("127.0.0.2"));
		assertThat(refused.allowed()).isFalse();
		assertThat(refused.client()).isEqualTo("127.0.0.2");
		assertThat(refused.reason()).isEqualTo("address not in dynamic-bean.l7check.allowed-addresses");
	}

	@Test
	void neverReadsForwardedHeaders() {
		MockHttpServletRequest request = request("192.0.2.1");
		request.addHeader("X-Forwarded-For", "127.0.0.1");
		request.addHeader("X-Real-IP", "127.0.0.1");
		request.addHeader("Forwarded", "for=127.0.0.1");
		assertThat(policy(null, "127.0.0.1").decide(request).allowed()).isFalse();
	}

	@Test
	void refusesPutCarryingForwardedHeaderFromUntrustedProxy() {
		for (String header : List.of("X-Forwarded-For", "Forwarded", "X-Forwarded-Host", "Via", "X-Real-IP")) {
			MockHttpServletRequest relayed = request("127.0.0.1");
			relayed.addHeader(header, "192.0.2.7");
			L7CheckAccessPolicy.Decision decision = policy(null, "127.0.0.1").decide(relayed);
			assertThat(decision.allowed()).as("a request from an allowed address that carries %s", header).isFalse();
			assertThat(decision.reason()).startsWith("it carries " + header + " but 127.0.0.1 is not a trusted proxy")
				.contains("server.tomcat.remoteip.remote-ip-header and internal-proxies");
		}
	}

	@Test
	void allowsProxyHeadersFromAProxyThatTomcatTrusts() {
		MockHttpServletRequest relayed = request("10.30.0.4");
		relayed.setAttribute("org.apache.tomcat.request.forwarded", Boolean.TRUE);
		relayed.addHeader("X-Forwarded-Proto", "https");
		relayed.addHeader("Via", "1.1 balancer");
		assertThat(policy(null, "10.30.0.0/24").decide(relayed).allowed())
			.as("the client address the RemoteIpValve took from the trusted proxy decides")
			.isTrue();
		assertThat(policy(null, "127.0.0.1").decide(relayed).allowed()).isFalse();
	}

	@Test
	void refusesANonCanonicalSpellingOfThePathFromAnAllowedAddress() {
		for (String uri : List.of("/%6Donitor/l7check", "/monitor/l7%63heck", "//monitor/l7check",
				"/monitor;x=y/l7check", "/monitor/l7check;jsessionid=1", "/x/../monitor/l7check")) {
			MockHttpServletRequest request = request("127.0.0.1");
			request.setRequestURI(uri);
			L7CheckAccessPolicy.Decision decision = policy(null, "127.0.0.1").decide(request);
			assertThat(decision.allowed()).as("PUT %s from 127.0.0.1", uri).isFalse();
			assertThat(decision.reason()).as("reason, without the client's spelling").startsWith(
					"the path is not spelled canonically").doesNotContain(uri);
		}
	}

	@Test
	void requiresTheTokenWhenOneIsSet() {
		L7CheckAccessPolicy policy = policy(TOKEN, "127.0.0.1");
		assertThat(policy.decide(request("127.0.0.1")).reason()).isEqualTo("no X-L7-Token header");
		MockHttpServletRequest wrong = request("127.0.0.1");
		wrong.addHeader("X-L7-Token", TOKEN + "x");
		assertThat(policy.decide(wrong).allowed()).isFalse();
		assertThat(policy.decide(wrong).reason()).isEqualTo("wrong X-L7-Token header");
		MockHttpServletRequest right = request("127.0.0.1");
		right.addHeader("X-L7-Token", TOKEN);
		assertThat(policy.decide(right).allowed()).isTrue();
	}

	@Test
	void theRightTokenFromAnAddressOutsideTheAllowListIsRefused() {
		MockHttpServletRequest request = request("192.0.2.1");
		request.addHeader("X-L7-Token", TOKEN);
		assertThat(policy(TOKEN, "127.0.0.1").decide(request).allowed()).isFalse();
	}

	@Test
	void anEmptyTokenRequiresNone() {
		assertThat(policy("", "127.0.0.1").decide(request("127.0.0.1")).allowed()).isTrue();
	}

	private static L7CheckAccessPolicy policy(String token, String... allowed) {
		return new L7CheckAccessPolicy(AddressAllowList.of(List.of(allowed)), token);
	}

	private static MockHttpServletRequest request(String peer) {
		MockHttpServletRequest request = new MockHttpServletRequest("PUT", "/monitor/l7check");
		request.setRemoteAddr(peer);
		return request;
	}

}
