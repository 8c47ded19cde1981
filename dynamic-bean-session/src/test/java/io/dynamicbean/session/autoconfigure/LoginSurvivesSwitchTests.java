/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session.autoconfigure;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.dynamicbean.session.SwitchableSessionRepository;
import io.dynamicbean.session.web.SwitchableSessionRequestFilter;
import io.dynamicbean.session.autoconfigure.SessionSwitchWebTests.CounterController;
import io.dynamicbean.session.security.SwitchableSecurityContextRepository;
import jakarta.servlet.Filter;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.session.autoconfigure.SessionAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.session.MapSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tests that a Spring Security form login made while sessions are local is still valid after the
 * switch to a remote store.
 */
class LoginSurvivesSwitchTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(SwitchableSessionAutoConfiguration.class, SessionAutoConfiguration.class))
		.withUserConfiguration(SecuredWebConfiguration.class)
		.withPropertyValues("dynamic-bean.session.security.apply-to-http-security=true");

	private final Map<String, Session> remoteSessions = new ConcurrentHashMap<>();

	@Test
	void loginMadeDuringOutageIsStillValidAfterTheSwitch() {
		this.runner.run((context) -> {
			MockMvc mvc = mockMvc(context);
			SwitchableSessionRepository repository = context.getBean(SwitchableSessionRepository.class);
			Cookie cookie = login(mvc);
			mvc.perform(get("/counter").cookie(cookie)).andExpect(content().string("1 local"));

			MapSessionRepository remote = new MapSessionRepository(this.remoteSessions);
			remote.setSessionIdGenerator(repository.getSessionIdGenerator());
			repository.switchTo("redis", remote);

			mvc.perform(get("/counter").cookie(cookie)).andExpect(status().isOk()).andExpect(content().string("2 redis"));
			Session migrated = this.remoteSessions.get(SessionSwitchWebTests.sessionId(cookie));
			assertThat(migrated).as("logged-in session in the remote store").isNotNull();
			assertThat(migrated.getAttributeNames())
				.contains(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
		});
	}

	@Test
	void anonymousRequestIsSentToTheLoginPage() {
		this.runner.run((context) -> mockMvc(context).perform(get("/counter"))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/login")));
	}

	@Test
	void filterChainUsesTheSwitchableSecurityContextRepository() {
		this.runner.run((context) -> {
			SecurityFilterChain chain = context.getBean(FilterChainProxy.class).getFilterChains().get(0);
			Filter holderFilter = chain.getFilters()
				.stream()
				.filter(SecurityContextHolderFilter.class::isInstance)
				.findFirst()
				.orElseThrow();
			assertThat(ReflectionTestUtils.getField(holderFilter, "securityContextRepository"))
				.isSameAs(context.getBean(SwitchableSecurityContextRepository.class));
		});
	}

	private static Cookie login(MockMvc mvc) throws Exception {
		MvcResult result = mvc.perform(post("/login").param("username", "user").param("password", "password"))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/"))
			.andReturn();
		Cookie cookie = result.getResponse().getCookie("SESSION");
		assertThat(cookie).as("session cookie after login").isNotNull();
		return cookie;
	}

	private static MockMvc mockMvc(WebApplicationContext context) {
		return MockMvcBuilders.webAppContextSetup(context)
			.addFilters(context.getBean(SwitchableSessionRequestFilter.class),
					context.getBean(SessionRepositoryFilter.class),
					context.getBean("springSecurityFilterChain", Filter.class))
			.build();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebMvc
	@EnableWebSecurity
	@Import(CounterController.class)
	static class SecuredWebConfiguration {

		@Bean
		SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.formLogin(Customizer.withDefaults())
				.csrf((csrf) -> csrf.disable())
				.build();
		}

		@Bean
		UserDetailsService userDetailsService() {
			return new InMemoryUserDetailsManager(
					User.withUsername("user").password("{noop}password").roles("USER").build());
		}

	}

}
