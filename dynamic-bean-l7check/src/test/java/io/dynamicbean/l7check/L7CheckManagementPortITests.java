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
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The switch on Spring Boot's management port, on real embedded Tomcats: the application's port
 * answers the check and refuses {@code PUT}; the management port, in its child context, serves both
 * under the same allow-list.
 */
@SpringBootTest(classes = L7CheckTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "dynamic-bean.l7check.change-port=management" })
class L7CheckManagementPortITests {

	@LocalServerPort
	private int port;

	@LocalManagementPort
	private int managementPort;

	@Autowired
	private ApplicationAvailability availability;

	@Autowired
	private ApplicationContext context;

	@AfterEach
	void acceptTrafficAgain() {
		AvailabilityChangeEvent.publish(this.context, ReadinessState.ACCEPTING_TRAFFIC);
	}

	@Test
	void theApplicationPortAnswersTheCheckAndRefusesPut() throws Exception {
		assertThat(this.managementPort).isNotEqualTo(this.port);
		assertThat(status(this.port, "GET", null)).isEqualTo(200);
		assertThat(status(this.port, "PUT", "DOWN")).as("PUT DOWN from 127.0.0.1 on the application's port")
			.isEqualTo(405);
		assertThat(this.availability.getReadinessState()).isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
	}

	@Test
	void theManagementPortChangesTheStateThatTheApplicationPortReports() throws Exception {
		assertThat(status(this.managementPort, "PUT", "DOWN")).isEqualTo(503);
		assertThat(status(this.port, "GET", null)).as("the check on the application's port").isEqualTo(503);
		assertThat(status(this.managementPort, "GET", null)).isEqualTo(503);
		assertThat(status(this.managementPort, "PUT", "UP")).isEqualTo(200);
		assertThat(status(this.port, "GET", null)).isEqualTo(200);
	}

	@Test
	void theManagementPortAppliesTheSamePolicy() throws Exception {
		assertThat(RawHttp.status("127.0.0.2", "127.0.0.1", this.managementPort, "PUT", "/monitor/l7check", "DOWN",
				Map.of())).as("PUT DOWN from 127.0.0.2").isEqualTo(403);
		assertThat(RawHttp.status("127.0.0.1", "127.0.0.1", this.managementPort, "PUT", "/monitor/l7check", "DOWN",
				Map.of("X-Forwarded-For", "127.0.0.1"))).as("PUT DOWN relayed by 127.0.0.1").isEqualTo(403);
		assertThat(RawHttp.status("127.0.0.1", "127.0.0.1", this.managementPort, "PUT", "/%6Donitor/l7check", "DOWN",
				Map.of())).as("PUT DOWN at an encoded spelling").isIn(403, 404);
		assertThat(this.availability.getReadinessState()).isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
	}

	private static int status(int port, String method, String body) throws Exception {
		return RawHttp.status("127.0.0.1", "127.0.0.1", port, method, "/monitor/l7check", body, Map.of());
	}

}
