/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.l7check;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The L7 check on a real embedded Tomcat, in an application without Spring Security's web part and
 * without any proxy configured: only the TCP peer counts.
 */
@SpringBootTest(classes = L7CheckTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class L7CheckWithoutProxyITests {

	@LocalServerPort
	private int port;

	@Autowired
	private ApplicationAvailability availability;

	@Autowired
	private ApplicationContext context;

	@AfterEach
	void acceptTrafficAgain() {
		AvailabilityChangeEvent.publish(this.context, ReadinessState.ACCEPTING_TRAFFIC);
	}

	@Test
	void runsWithoutSpringSecurityWebOnTheClassPath() throws Exception {
		assertThat(ClassUtils.isPresent("org.springframework.security.web.SecurityFilterChain", null)).isFalse();
		assertThat(RawHttp.status("127.0.0.1", "127.0.0.1", this.port, "GET", "/monitor/l7check", null, Map.of()))
			.isEqualTo(200);
	}

	@Test
	void theIpv4LoopbackClientDrainsAndRestoresTheInstance() throws Exception {
		assertThat(put("127.0.0.1", "127.0.0.1", "DOWN", Map.of())).isEqualTo(503);
		assertThat(this.availability.getReadinessState()).isEqualTo(ReadinessState.REFUSING_TRAFFIC);
		assertThat(RawHttp.status("127.0.0.2", "127.0.0.1", this.port, "GET", "/monitor/l7check", null, Map.of()))
			.as("anyone may read the check")
			.isEqualTo(503);
		assertThat(put("127.0.0.1", "127.0.0.1", "UP", Map.of())).isEqualTo(200);
		assertThat(this.availability.getReadinessState()).isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
	}

	@Test
	void theIpv6LoopbackClientMayChangeIt() throws Exception {
		assertThat(put("::1", "::1", "DOWN", Map.of())).isEqualTo(503);
	}

	@Test
	void anotherClientIsRefused() throws Exception {
		assertThat(put("127.0.0.2", "127.0.0.1", "DOWN", Map.of())).isEqualTo(403);
		assertThat(this.availability.getReadinessState()).isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
	}

	@Test
	void aSpoofedXForwardedForIsIgnored() throws Exception {
		assertThat(put("127.0.0.2", "127.0.0.1", "DOWN",
				Map.of("X-Forwarded-For", "127.0.0.1", "Forwarded", "for=127.0.0.1", "X-Real-IP", "127.0.0.1")))
			.isEqualTo(403);
		assertThat(this.availability.getReadinessState()).isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
	}

	private int put(String from, String to, String body, Map<String, String> headers) throws Exception {
		return RawHttp.status(from, to, this.port, "PUT", "/monitor/l7check", body, headers);
	}

}
