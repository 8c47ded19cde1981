/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example;

import io.dynamicbean.session.SwitchableSessionRepository;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.session.SessionRepository;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.hamcrest.Matchers.containsString;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tests of the whole application with its security filter chain, with no shared session store
 * reachable: sessions are local.
 */
@SpringBootTest(properties = { "example.instance-id=test-1", "dynamic-bean.memcached.servers=127.0.0.1:1",
		"dynamic-bean.memcached.retry-delay=1h" })
@AutoConfigureMockMvc
class ExampleWebApplicationTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private ApplicationContext context;

	@AfterEach
	void acceptTrafficAgain() {
		AvailabilityChangeEvent.publish(this.context, ReadinessState.ACCEPTING_TRAFFIC);
	}

	@Test
	void theSwitchableRepositoryIsTheSessionRepository() {
		assertThat(this.context.getBean(SessionRepository.class)).isInstanceOf(SwitchableSessionRepository.class);
	}

	@Test
	void sendsAnonymousBrowsersToTheLoginForm() throws Exception {
		this.mvc.perform(get("/").accept(MediaType.TEXT_HTML)).andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/login"));
		this.mvc.perform(get("/login"))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.allOf(
					org.hamcrest.Matchers.containsString("name=\"username\""),
					org.hamcrest.Matchers.containsString("name=\"password\""),
					org.hamcrest.Matchers.containsString("name=\"_csrf\""))));
	}

	@Test
	void refusesSessionToAnonymousClients() throws Exception {
		this.mvc.perform(get("/session")).andExpect(status().isUnauthorized());
	}

	@Test
	void logsTheDemoUserInWithTheStandardForm() throws Exception {
		this.mvc.perform(formLogin().user("demo").password("demo")).andExpect(redirectedUrl("/"));
		this.mvc.perform(formLogin().user("demo").password("wrong")).andExpect(redirectedUrl("/login?error"));
	}

	@Test
	void countsCallsToSessionInTheSession() throws Exception {
		Cookie session = login();
		this.mvc.perform(get("/session").cookie(session))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.instance").value("test-1"))
			.andExpect(jsonPath("$.sessionId").isNotEmpty())
			.andExpect(jsonPath("$.store").value("local"))
			.andExpect(jsonPath("$.counter").value(1));
		this.mvc.perform(get("/session").cookie(session)).andExpect(jsonPath("$.counter").value(2));
	}

	@Test
	void keepsANoteAndRefusesAMalformedOneWith400() throws Exception {
		Cookie session = login();
		this.mvc.perform(get("/session").param("note", "a-1").cookie(session))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.notes[0]").value("a-1"));
		this.mvc.perform(get("/session").param("note", "a b").cookie(session))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("note must be")));
	}

	@Test
	void showsTheSessionAndTheDynamicBeansOnTheHomePage() throws Exception {
		Cookie session = login();
		this.mvc.perform(get("/").cookie(session))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
			.andExpect(content().string(org.hamcrest.Matchers.allOf(org.hamcrest.Matchers.containsString("test-1"),
					org.hamcrest.Matchers.containsString("Dynamic beans"), org.hamcrest.Matchers.containsString("local"))));
	}

	@Test
	void theL7CheckBypassesLogin() throws Exception {
		this.mvc.perform(get("/monitor/l7check")).andExpect(status().isOk()).andExpect(content().string("UP"));
	}

	@Test
	void aLoopbackClientTakesTheInstanceDownWithoutLoginOrCsrfAndReadinessAgrees() throws Exception {
		this.mvc.perform(put("/monitor/l7check").contentType(MediaType.TEXT_PLAIN).content("DOWN").with(from("127.0.0.1")))
			.andExpect(status().isServiceUnavailable());
		this.mvc.perform(get("/monitor/l7check")).andExpect(status().isServiceUnavailable())
			.andExpect(content().string("DOWN"));
		this.mvc.perform(get("/actuator/health/readiness")).andExpect(status().isServiceUnavailable())
			.andExpect(jsonPath("$.status").value("OUT_OF_SERVICE"));
		this.mvc.perform(put("/monitor/l7check").contentType(MediaType.TEXT_PLAIN).content("UP").with(from("127.0.0.1")))
			.andExpect(status().isOk());
		this.mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("UP"));
	}

	@Test
	void aLoggedInUserOutsideTheAllowListCannotChangeTheL7Check() throws Exception {
		this.mvc.perform(put("/monitor/l7check").contentType(MediaType.TEXT_PLAIN)
			.content("DOWN")
			.with(from("192.0.2.10"))
			.with(httpBasic("demo", "demo"))
			.with(csrf())
			.header("X-Forwarded-For", "127.0.0.1")).andExpect(status().isForbidden());
		this.mvc.perform(get("/monitor/l7check")).andExpect(status().isOk());
	}

	@Test
	void theSessionStoreBeingDownDoesNotMakeTheInstanceDown() throws Exception {
		this.mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk());
		this.mvc.perform(get("/actuator/health")).andExpect(status().isOk());
	}

	@Test
	void theDynamicBeansEndpointNeedsALogin() throws Exception {
		this.mvc.perform(get("/actuator/dynamicbeans")).andExpect(status().isUnauthorized());
		this.mvc.perform(get("/actuator/dynamicbeans").with(httpBasic("demo", "demo"))).andExpect(status().isOk());
		this.mvc.perform(post("/actuator/dynamicbeans").with(httpBasic("demo", "demo"))).andExpect(status().isOk());
	}

	/** Spring Session keeps the session behind its SESSION cookie, not in the mock request's session. */
	private Cookie login() throws Exception {
		MvcResult result = this.mvc.perform(formLogin().user("demo").password("demo")).andReturn();
		Cookie cookie = result.getResponse().getCookie("SESSION");
		assertThat(cookie).as("session cookie after login").isNotNull();
		return cookie;
	}

	private static RequestPostProcessor from(String address) {
		return (request) -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

}
