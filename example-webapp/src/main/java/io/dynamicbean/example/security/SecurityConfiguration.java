/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.security;

import io.dynamicbean.l7check.autoconfigure.L7CheckProperties;
import io.dynamicbean.session.security.SwitchableSecurityContextRepository;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * The security filter chain of the example.
 *
 * <ul>
 * <li>Spring Security's standard form login at {@code /login} (fields {@code username},
 * {@code password}, {@code _csrf}), and HTTP Basic for scripts; the user is Spring Boot's own,
 * {@code spring.security.user.name}/{@code password} ({@code demo}/{@code demo} in
 * {@code application.yml}).</li>
 * <li>The security context is kept by the {@link SwitchableSecurityContextRepository}, in the
 * same switchable session store as the rest of the session: locally while the shared store is
 * down, in the shared store afterwards, without logging anyone out.</li>
 * <li>The L7 check of {@code dynamic-bean-l7check} ({@code /monitor/l7check}) bypasses login:
 * {@code GET} is for the load balancer, and {@code PUT} is guarded by the module's own address
 * allow-list and token, so it is also exempt from CSRF (it carries no session cookie).</li>
 * <li>The health endpoint and its probes are open; every other page and actuator endpoint needs a
 * login. Actuator endpoints are exempt from CSRF so that {@code curl -u demo:demo -X POST} can
 * trigger a recovery.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http,
			SwitchableSecurityContextRepository securityContextRepository, ObjectProvider<L7CheckProperties> l7checks) {
		PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
		L7CheckProperties l7check = l7checks.getIfAvailable();
		http.authorizeHttpRequests((requests) -> {
			if (l7check != null) {
				requests.requestMatchers(paths.matcher(l7check.getPath())).permitAll();
			}
			requests.requestMatchers(EndpointRequest.to(HealthEndpoint.class)).permitAll()
				.requestMatchers(paths.matcher("/error")).permitAll()
				.anyRequest().authenticated();
		});
		http.formLogin((form) -> form.permitAll());
		http.httpBasic(Customizer.withDefaults());
		http.logout((logout) -> logout.permitAll());
		http.securityContext((context) -> context.securityContextRepository(securityContextRepository));
		http.csrf((csrf) -> {
			csrf.ignoringRequestMatchers(EndpointRequest.toAnyEndpoint());
			if (l7check != null) {
				csrf.ignoringRequestMatchers(paths.matcher(HttpMethod.PUT, l7check.getPath()));
			}
		});
		return http.build();
	}

}
