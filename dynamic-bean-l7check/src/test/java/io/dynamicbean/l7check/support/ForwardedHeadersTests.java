/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.l7check.support;

import java.util.Collections;
import java.util.Enumeration;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ForwardedHeaders}.
 */
class ForwardedHeadersTests {

	@ParameterizedTest
	@ValueSource(strings = { "Forwarded", "X-Forwarded-For", "x-forwarded-host", "X-Forwarded-Proto",
			"X-Forwarded-Port", "X-Forwarded-Prefix", "X-Forwarded-By", "Via", "X-Real-IP", "x-real-ip" })
	void findsEveryProxyHeader(String name) {
		MockHttpServletRequest request = new MockHttpServletRequest("PUT", "/monitor/l7check");
		request.addHeader("Content-Type", "text/plain");
		request.addHeader(name, "127.0.0.1");
		assertThat(ForwardedHeaders.find(request)).as("proxy header found").isEqualTo(name);
	}

	@Test
	void findsNoneOnADirectRequest() {
		MockHttpServletRequest request = new MockHttpServletRequest("PUT", "/monitor/l7check");
		request.addHeader("Content-Type", "text/plain");
		request.addHeader("X-L7-Token", "0123456789abcdef");
		request.addHeader("X-Forwarded", "not an X-Forwarded-* header");
		assertThat(ForwardedHeaders.find(request)).isNull();
	}

	@Test
	void findsTheHeadersThatAWrapperHides() {
		MockHttpServletRequest container = new MockHttpServletRequest("PUT", "/monitor/l7check");
		container.addHeader("X-Forwarded-For", "127.0.0.1");
		HttpServletRequest hidingWrapper = new HttpServletRequestWrapper(container) {

			@Override
			public Enumeration<String> getHeaderNames() {
				return Collections.emptyEnumeration();
			}

			@Override
			public String getHeader(String name) {
				return null;
			}

		};
		assertThat(ForwardedHeaders.find(hidingWrapper))
			.as("the header Spring's ForwardedHeaderFilter hides from the wrapped request")
			.isEqualTo("X-Forwarded-For");
	}

	@Test
	void trustsOnlyAPeerThatTomcatsRemoteIpValveMarked() {
		MockHttpServletRequest request = new MockHttpServletRequest("PUT", "/monitor/l7check");
		assertThat(ForwardedHeaders.fromTrustedProxy(request)).isFalse();
		request.setAttribute(ForwardedHeaders.TOMCAT_FORWARDED_ATTRIBUTE, "true");
		assertThat(ForwardedHeaders.fromTrustedProxy(request)).as("only Boolean.TRUE, as the valve sets it").isFalse();
		request.setAttribute(ForwardedHeaders.TOMCAT_FORWARDED_ATTRIBUTE, Boolean.TRUE);
		assertThat(ForwardedHeaders.fromTrustedProxy(request)).isTrue();
	}

}
