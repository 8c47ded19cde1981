/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.monitor;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tests for {@link L7CheckController}, with an allow-list of {@code 127.0.0.1/32} and a token. The
 * security filter chain is left out here: {@code ExampleWebApplicationTests} covers it.
 */
@WebMvcTest(controllers = L7CheckController.class,
		properties = { "monitor.l7check.allowed-addresses=127.0.0.1/32,::1/128",
				"monitor.l7check.token=" + L7CheckControllerTests.TOKEN })
@AutoConfigureMockMvc(addFilters = false)
@Import({ L7CheckConfiguration.class, ApplicationAvailabilityBean.class })
class L7CheckControllerTests {

	static final String TOKEN = "0123456789abcdef-token";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private ApplicationAvailability availability;

	@Autowired
	private ApplicationContext context;

	@BeforeEach
	void acceptTraffic() {
		AvailabilityChangeEvent.publish(this.context, ReadinessState.ACCEPTING_TRAFFIC);
	}

	@Test
	void answers200UpWhileAcceptingTraffic() throws Exception {
		this.mvc.perform(get("/monitor/l7check"))
			.andExpect(status().isOk())
			.andExpect(content().string("UP"))
			.andExpect(header().string("Cache-Control", "no-store"));
	}

	@Test
	void answers503DownWhileRefusingTraffic() throws Exception {
		AvailabilityChangeEvent.publish(this.context, ReadinessState.REFUSING_TRAFFIC);
		this.mvc.perform(get("/monitor/l7check")).andExpect(status().isServiceUnavailable())
			.andExpect(content().string("DOWN"));
	}

	@Test
	void anAllowedClientWithTheTokenTakesTheInstanceDownAndUp() throws Exception {
		this.mvc.perform(change("DOWN").with(from("127.0.0.1")).header("X-L7-Token", TOKEN))
			.andExpect(status().isServiceUnavailable())
			.andExpect(content().string("DOWN"));
		assertThat(this.availability.getReadinessState()).isEqualTo(ReadinessState.REFUSING_TRAFFIC);
		this.mvc.perform(get("/monitor/l7check")).andExpect(status().isServiceUnavailable());
		this.mvc.perform(change("UP").with(from("127.0.0.1")).header("X-L7-Token", TOKEN))
			.andExpect(status().isOk())
			.andExpect(content().string("UP"));
		assertThat(this.availability.getReadinessState()).isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
	}

	@Test
	void acceptsAnIpv6LoopbackClient() throws Exception {
		this.mvc.perform(change("DOWN").with(from("0:0:0:0:0:0:0:1")).header("X-L7-Token", TOKEN))
			.andExpect(status().isServiceUnavailable());
	}

	@Test
	void ignoresWhiteSpaceAroundTheBody() throws Exception {
		this.mvc.perform(change("DOWN\n").with(from("127.0.0.1")).header("X-L7-Token", TOKEN))
			.andExpect(status().isServiceUnavailable());
	}

	@Test
	void refusesADisallowedAddress() throws Exception {
		this.mvc.perform(change("DOWN").with(from("127.0.0.2")).header("X-L7-Token", TOKEN))
			.andExpect(status().isForbidden());
		assertStillUp();
	}

	@Test
	void refusesASpoofedXForwardedForFromADisallowedAddress() throws Exception {
		this.mvc.perform(change("DOWN").with(from("127.0.0.2"))
			.header("X-L7-Token", TOKEN)
			.header("X-Forwarded-For", "127.0.0.1")
			.header("X-Real-IP", "127.0.0.1")
			.header("Forwarded", "for=127.0.0.1")).andExpect(status().isForbidden());
		assertStillUp();
	}

	@Test
	void refusesAMissingToken() throws Exception {
		this.mvc.perform(change("DOWN").with(from("127.0.0.1"))).andExpect(status().isForbidden());
		assertStillUp();
	}

	@Test
	void refusesAWrongToken() throws Exception {
		this.mvc.perform(change("DOWN").with(from("127.0.0.1")).header("X-L7-Token", TOKEN.toUpperCase()))
			.andExpect(status().isForbidden());
		assertStillUp();
	}

	@Test
	void refusesABodyOtherThanUpOrDown() throws Exception {
		for (String body : new String[] { "", "down", "MAINTENANCE", "DOWN DOWN" }) {
			this.mvc.perform(change(body).with(from("127.0.0.1")).header("X-L7-Token", TOKEN))
				.andExpect(status().isBadRequest());
		}
		assertStillUp();
	}

	@Test
	void refusesAnotherContentType() throws Exception {
		this.mvc.perform(put("/monitor/l7check").contentType(MediaType.APPLICATION_JSON)
			.content("\"DOWN\"")
			.with(from("127.0.0.1"))
			.header("X-L7-Token", TOKEN)).andExpect(status().isUnsupportedMediaType());
		assertStillUp();
	}

	@Test
	void refusesADisallowedClientBeforeLookingAtTheBody() throws Exception {
		this.mvc.perform(change("nonsense").with(from("192.0.2.1"))).andExpect(status().isForbidden());
	}

	private void assertStillUp() throws Exception {
		assertThat(this.availability.getReadinessState()).as("readiness after a refused change")
			.isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
		this.mvc.perform(get("/monitor/l7check")).andExpect(status().isOk());
	}

	private static MockHttpServletRequestBuilder change(String body) {
		return put("/monitor/l7check").contentType(MediaType.TEXT_PLAIN).content(body);
	}

	private static RequestPostProcessor from(String address) {
		return (request) -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

}
