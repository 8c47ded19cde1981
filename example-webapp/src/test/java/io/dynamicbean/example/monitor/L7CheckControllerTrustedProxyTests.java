/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.monitor;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
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

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tests for {@link L7CheckController} behind a trusted reverse proxy ({@code 10.0.0.5}) that
 * reports clients in {@code X-Forwarded-For}; operators are allowed from {@code 192.0.2.0/24}.
 */
@WebMvcTest(controllers = L7CheckController.class,
		properties = { "monitor.l7check.allowed-addresses=192.0.2.0/24",
				"monitor.l7check.trusted-proxies=10.0.0.5/32" })
@AutoConfigureMockMvc(addFilters = false)
@Import({ L7CheckConfiguration.class, ApplicationAvailabilityBean.class })
class L7CheckControllerTrustedProxyTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private ApplicationContext context;

	@BeforeEach
	void acceptTraffic() {
		AvailabilityChangeEvent.publish(this.context, ReadinessState.ACCEPTING_TRAFFIC);
	}

	@Test
	void allowsAnOperatorReportedByTheTrustedProxy() throws Exception {
		this.mvc.perform(down().with(fromPeer("10.0.0.5")).header("X-Forwarded-For", "192.0.2.44"))
			.andExpect(status().isServiceUnavailable());
	}

	@Test
	void usesTheRightMostAddressNotTheOneTheClientWrote() throws Exception {
		this.mvc.perform(down().with(fromPeer("10.0.0.5")).header("X-Forwarded-For", "192.0.2.44, 198.51.100.9"))
			.andExpect(status().isForbidden());
	}

	@Test
	void ignoresTheHeaderFromAnyOtherPeer() throws Exception {
		this.mvc.perform(down().with(fromPeer("10.0.0.6")).header("X-Forwarded-For", "192.0.2.44"))
			.andExpect(status().isForbidden());
	}

	@Test
	void neverReadsTheForwardedHeader() throws Exception {
		this.mvc.perform(down().with(fromPeer("10.0.0.5")).header("Forwarded", "for=192.0.2.44"))
			.andExpect(status().isForbidden());
	}

	private static MockHttpServletRequestBuilder down() {
		return put("/monitor/l7check").contentType(MediaType.TEXT_PLAIN).content("DOWN");
	}

	private static org.springframework.test.web.servlet.request.RequestPostProcessor fromPeer(String address) {
		return (request) -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

}
