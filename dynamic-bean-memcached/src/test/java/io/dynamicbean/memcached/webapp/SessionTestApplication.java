/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.webapp;

import java.security.Principal;

import io.dynamicbean.session.security.SwitchableSecurityContextRepository;
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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A small web application for the integration tests: form login for user {@code alice}
 * (password {@code secret}), a session counter anyone may use, and a way to grow a session.
 */
@SpringBootApplication
public class SessionTestApplication {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http,
			SwitchableSecurityContextRepository switchableSecurityContextRepository) throws Exception {
		return http
			.authorizeHttpRequests((requests) -> requests.requestMatchers("/public/**", "/error").permitAll()
				.anyRequest()
				.authenticated())
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
	static class SessionController {

		@GetMapping("/public/counter")
		int counter(HttpSession session) {
			Integer count = (Integer) session.getAttribute("counter");
			int next = (count != null) ? count + 1 : 1;
			session.setAttribute("counter", next);
			return next;
		}

		@PostMapping("/public/grow")
		int grow(HttpSession session, @RequestParam int kilobytes) {
			session.setAttribute("ballast", new byte[kilobytes * 1024]);
			return kilobytes;
		}

		@GetMapping("/me")
		String me(Principal principal) {
			return principal.getName();
		}

	}

}
