/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session.testsupport;

import java.security.Principal;

import io.dynamicbean.session.SwitchableSessionRepository;
import io.dynamicbean.session.security.SwitchableSecurityContextRepository;
import io.dynamicbean.session.web.RequestSessions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A small web application for the integration tests of the remote stores (dynamic-bean-redis,
 * dynamic-bean-jdbc, through this module's test jar): form login for user {@code alice}
 * (password {@code secret}), and {@code GET /counter}, for logged-in users only, which counts
 * the requests of the session and answers {@code user:count:store}.
 */
@SpringBootApplication
public class StoreTestApplication {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http,
			SwitchableSecurityContextRepository switchableSecurityContextRepository) throws Exception {
		return http
			.authorizeHttpRequests(
					(requests) -> requests.requestMatchers("/error").permitAll().anyRequest().authenticated())
			.formLogin(Customizer.withDefaults())
			.csrf((csrf) -> csrf.disable())
			.securityContext((context) -> context.securityContextRepository(switchableSecurityContextRepository))
			.build();
	}

	@Bean
	UserDetailsService userDetailsService() {
		return new InMemoryUserDetailsManager(User.withUsername("alice").password("{noop}secret").roles("USER").build());
	}

	@RestController
	static class CounterController {

		private final SwitchableSessionRepository sessions;

		CounterController(SwitchableSessionRepository sessions) {
			this.sessions = sessions;
		}

		@GetMapping("/counter")
		String counter(HttpServletRequest request, HttpSession session, Principal principal) {
			Integer count = (Integer) session.getAttribute("counter");
			int next = (count != null) ? count + 1 : 1;
			session.setAttribute("counter", next);
			return principal.getName() + ":" + next + ":" + RequestSessions.storeOf(this.sessions, request);
		}

	}

}
