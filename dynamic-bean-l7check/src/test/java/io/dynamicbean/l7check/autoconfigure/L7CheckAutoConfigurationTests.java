/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.l7check.autoconfigure;

import java.util.List;

import io.dynamicbean.l7check.AddressAllowList;
import io.dynamicbean.l7check.L7CheckAccessPolicy;
import io.dynamicbean.l7check.L7CheckHandler;
import io.dynamicbean.l7check.L7CheckState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link L7CheckAutoConfiguration}, on a class path without Spring Security's web part.
 */
@ExtendWith(OutputCaptureExtension.class)
class L7CheckAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(ApplicationAvailabilityAutoConfiguration.class, L7CheckAutoConfiguration.class));

	@Test
	void runsWithoutSpringSecurityWebOnTheClassPath() {
		assertThat(ClassUtils.isPresent("org.springframework.security.web.SecurityFilterChain", null))
			.as("this test runs on a class path without spring-security-web")
			.isFalse();
		this.runner.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(L7CheckHandler.class));
	}

	@Test
	void registersTheCheckInAServletWebApplication() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(L7CheckState.class)
			.hasSingleBean(L7CheckAccessPolicy.class)
			.hasSingleBean(L7CheckHandler.class)
			.hasBean("l7CheckRouterFunction"));
	}

	@Test
	void isOffWhenDisabled() {
		this.runner.withPropertyValues("dynamic-bean.l7check.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(L7CheckHandler.class)
				.doesNotHaveBean("l7CheckRouterFunction"));
	}

	@Test
	void isOffOutsideAWebApplication() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ApplicationAvailabilityAutoConfiguration.class,
					L7CheckAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(L7CheckHandler.class));
	}

	@Test
	void backsOffForTheApplicationsOwnBeans() {
		this.runner.withUserConfiguration(OwnBeans.class)
			.run((context) -> assertThat(context.getBean(L7CheckAccessPolicy.class))
				.isSameAs(context.getBean("ownPolicy"))
				.satisfies((policy) -> assertThat(context.getBean(L7CheckHandler.class))
					.isSameAs(context.getBean("ownHandler")))
				.satisfies((policy) -> assertThat(context.getBean("l7CheckRouterFunction"))
					.isSameAs(OwnBeans.ROUTE)));
	}

	@Test
	void logsWhoMayChangeTheCheckAndWhereTheClientAddressComesFrom(CapturedOutput output) {
		this.runner.withPropertyValues("dynamic-bean.l7check.token=0123456789abcdef-token")
			.run((context) -> assertThat(output).contains(
					"PUT /monitor/l7check allowed from [127.0.0.1, ::1] with the X-L7-Token token; "
							+ "the client address comes from the TCP peer (no proxy trusted)"));
	}

	@Test
	void warnsWhenClientsCouldForgeTheirAddress(CapturedOutput output) {
		this.runner.withPropertyValues("server.forward-headers-strategy=framework")
			.run((context) -> assertThat(output).contains("WARN")
				.contains("but the client address comes from server.forward-headers-strategy=framework"));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnBeans {

		static final RouterFunction<ServerResponse> ROUTE = RouterFunctions.route()
			.GET("/own", (request) -> ServerResponse.ok().build())
			.build();

		@Bean
		L7CheckAccessPolicy ownPolicy() {
			return new L7CheckAccessPolicy(AddressAllowList.of(List.of("192.0.2.1")), null);
		}

		@Bean
		L7CheckHandler ownHandler(L7CheckState state, L7CheckAccessPolicy policy) {
			return new L7CheckHandler(state, policy);
		}

		@Bean
		RouterFunction<ServerResponse> l7CheckRouterFunction() {
			return ROUTE;
		}

	}

}
