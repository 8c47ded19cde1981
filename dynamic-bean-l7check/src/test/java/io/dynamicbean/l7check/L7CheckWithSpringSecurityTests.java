/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.l7check;

import java.util.Base64;

import io.dynamicbean.l7check.autoconfigure.L7CheckProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.test.web.servlet.MockMvc;

import static io.dynamicbean.l7check.L7CheckHandlerTests.from;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The L7 check in an application with Spring Security's filter chain, which permits the check's path
 * and exempts its {@code PUT} from CSRF, as {@code docs/l7check.md} shows: the load balancer needs
 * no login, and the allow-list, not a login, decides who may change it.
 */
@SpringBootTest(classes = L7CheckWithSpringSecurityTests.SecuredApplication.class,
		properties = { "spring.security.user.name=demo", "spring.security.user.password=demo" })
@AutoConfigureMockMvc
class L7CheckWithSpringSecurityTests {

	private static final String DEMO_LOGIN = "Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes());

	@Autowired
	private MockMvc mvc;

	@Autowired
	private ApplicationContext context;

	@AfterEach
	void acceptTrafficAgain() {
		AvailabilityChangeEvent.publish(this.context, ReadinessState.ACCEPTING_TRAFFIC);
	}

	@Test
	void theLoadBalancerReadsTheCheckWithoutLogin() throws Exception {
		this.mvc.perform(get("/monitor/l7check")).andExpect(status().isOk());
	}

	@Test
	void everythingElseStillNeedsALogin() throws Exception {
		this.mvc.perform(get("/anything")).andExpect(status().isUnauthorized());
	}

	@Test
	void anAllowedClientChangesTheCheckWithoutLoginOrCsrfToken() throws Exception {
		this.mvc.perform(put("/monitor/l7check").contentType(MediaType.TEXT_PLAIN).content("DOWN").with(from("::1")))
			.andExpect(status().isServiceUnavailable());
		this.mvc.perform(get("/monitor/l7check")).andExpect(status().isServiceUnavailable());
	}

	@Test
	void aLoggedInUserOutsideTheAllowListIsRefused() throws Exception {
		this.mvc.perform(put("/monitor/l7check").contentType(MediaType.TEXT_PLAIN)
			.content("DOWN")
			.with(from("192.0.2.10"))
			.header("Authorization", DEMO_LOGIN)
			.header("X-Forwarded-For", "127.0.0.1")).andExpect(status().isForbidden());
		this.mvc.perform(get("/monitor/l7check")).andExpect(status().isOk());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class SecuredApplication {

		@Bean
		SecurityFilterChain securityFilterChain(HttpSecurity http, L7CheckProperties l7check) {
			PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
			http.authorizeHttpRequests((requests) -> requests.requestMatchers(paths.matcher(l7check.getPath()))
				.permitAll()
				.anyRequest()
				.authenticated());
			http.httpBasic(Customizer.withDefaults());
			http.csrf((csrf) -> csrf.ignoringRequestMatchers(paths.matcher(HttpMethod.PUT, l7check.getPath())));
			return http.build();
		}

	}

}
