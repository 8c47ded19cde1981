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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The L7 check on a real embedded Tomcat behind a trusted reverse proxy at {@code 127.0.0.2},
 * configured only through Spring Boot's {@code server.tomcat.remoteip.*}: Tomcat's
 * {@code RemoteIpValve} believes its {@code X-Forwarded-For}, nobody else's.
 */
@SpringBootTest(classes = L7CheckTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.tomcat.remoteip.remote-ip-header=X-Forwarded-For",
				"server.tomcat.remoteip.internal-proxies=127.0.0.2/32" })
class L7CheckTrustedProxyITests {

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
	void honoursTheClientThatTheTrustedProxyReports() throws Exception {
		assertThat(put("127.0.0.2", Map.of("X-Forwarded-For", "127.0.0.1"))).isEqualTo(503);
		assertThat(this.availability.getReadinessState()).isEqualTo(ReadinessState.REFUSING_TRAFFIC);
	}

	@Test
	void refusesAClientTheTrustedProxyReportsOutsideTheAllowList() throws Exception {
		assertThat(put("127.0.0.2", Map.of("X-Forwarded-For", "192.0.2.7"))).isEqualTo(403);
	}

	@Test
	void usesTheRightMostUntrustedAddressNotTheOneTheClientWrote() throws Exception {
		assertThat(put("127.0.0.2", Map.of("X-Forwarded-For", "127.0.0.1, 192.0.2.7"))).isEqualTo(403);
		assertThat(this.availability.getReadinessState()).isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
	}

	@Test
	void ignoresTheHeaderFromAnyOtherPeer() throws Exception {
		assertThat(put("127.0.0.3", Map.of("X-Forwarded-For", "127.0.0.1"))).isEqualTo(403);
		assertThat(this.availability.getReadinessState()).isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
	}

	@Test
	void theProxyItselfIsNotAnAllowedClient() throws Exception {
		assertThat(put("127.0.0.2", Map.of())).isEqualTo(403);
	}

	private int put(String from, Map<String, String> headers) throws Exception {
		return RawHttp.status(from, "127.0.0.1", this.port, "PUT", "/monitor/l7check", "DOWN", headers);
	}

}
