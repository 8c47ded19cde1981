/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.l7check.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.dynamicbean.l7check.AddressAllowList;
import io.dynamicbean.l7check.L7CheckAccessPolicy;
import io.dynamicbean.l7check.L7CheckHandler;
import io.dynamicbean.l7check.L7CheckState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.StringHttpMessageConverter;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.util.ClassUtils;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.util.ServletRequestPathUtils;

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

	@Test
	void failsToStartWhenTheSwitchIsOnTheManagementPortWithoutOne() {
		this.runner.withPropertyValues("dynamic-bean.l7check.change-port=management")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("set management.server.port to a port other than server.port"));
		this.runner.withPropertyValues("dynamic-bean.l7check.change-port=management", "server.port=8081",
				"management.server.port=8081")
			.run((context) -> assertThat(context).as("management on the application's port").hasFailed());
	}

	@Test
	void theApplicationPortOnlyReadsTheCheckWhenTheSwitchIsOnTheManagementPort(CapturedOutput output)
			throws Exception {
		this.runner.withPropertyValues("dynamic-bean.l7check.change-port=management", "management.server.port=9091")
			.run((context) -> {
				AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
				RouterFunction<ServerResponse> route = context.getBean("l7CheckRouterFunction", RouterFunction.class);
				assertThat(status(route, "GET")).isEqualTo(200);
				assertThat(status(route, "PUT")).as("PUT on the application's port").isEqualTo(405);
				assertThat(context.getBean(L7CheckState.class).isUp()).isTrue();
				assertThat(output).contains("Refused to change the L7 check for 127.0.0.1: PUT is served on the "
						+ "management port only (dynamic-bean.l7check.change-port=management)")
					.contains("PUT /monitor/l7check on the management port allowed from [127.0.0.1, ::1]");
			});
	}

	@Test
	void servesTheSwitchOnTheApplicationPortByDefault() {
		this.runner.withPropertyValues("management.server.port=9091").run((context) -> {
			RouterFunction<ServerResponse> route = context.getBean("l7CheckRouterFunction", RouterFunction.class);
			assertThat(status(route, "PUT")).as("PUT DOWN from 127.0.0.1 on the application's port").isEqualTo(503);
		});
	}

	@SuppressWarnings("unchecked")
	private static int status(RouterFunction<ServerResponse> route, String method) throws Exception {
		MockHttpServletRequest servletRequest = new MockHttpServletRequest(method, "/monitor/l7check");
		servletRequest.setRemoteAddr("127.0.0.1");
		servletRequest.setContentType("text/plain");
		servletRequest.setContent("DOWN".getBytes(StandardCharsets.US_ASCII));
		ServletRequestPathUtils.parseAndCache(servletRequest);
		ServerRequest request = ServerRequest.create(servletRequest, List.of(new StringHttpMessageConverter()));
		HandlerFunction<ServerResponse> handler = route.route(request).orElseThrow();
		return handler.handle(request).statusCode().value();
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
