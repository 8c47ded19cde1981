/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.l7check;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
 * Every other spelling of the check's path, sent by an allowed client ({@code 127.0.0.1}) to a real
 * embedded Tomcat: whatever Tomcat and Spring route to the switch is refused, so a proxy rule that
 * matches only {@code /monitor/} cannot be walked around by spelling.
 */
@SpringBootTest(classes = L7CheckTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class L7CheckPathSpellingITests {

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

	@ParameterizedTest
	@ValueSource(strings = { "/%6Donitor/l7check", "/monitor/l7%63heck", "/%6D%6F%6E%69%74%6F%72/l7check",
			"//monitor/l7check", "/monitor//l7check", "/./monitor/l7check", "/x/../monitor/l7check",
			"/%2e/monitor/l7check", "/x/%2e%2e/monitor/l7check", "/monitor;x=y/l7check",
			"/monitor/l7check;jsessionid=1", "/MONITOR/l7check", "/Monitor/L7Check", "/monitor/l7check/",
			"/monitor%2Fl7check", "/monitor%2fl7check", "/monitor\\l7check", "/x/..;/monitor/l7check",
			"/%6donitor//./l7%43heck;a=b" })
	void noOtherSpellingChangesTheCheck(String path) throws Exception {
		int status = RawHttp.status("127.0.0.1", "127.0.0.1", this.port, "PUT", path, "DOWN", Map.of());
		assertThat(status).as("PUT DOWN %s from 127.0.0.1", path).isBetween(400, 499);
		assertThat(this.availability.getReadinessState()).as("readiness after PUT DOWN %s", path)
			.isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
	}

}
