/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.autoconfigure.actuate;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.dynamicbean.DynamicBeanListener;
import io.dynamicbean.autoconfigure.DynamicBeanAutoConfiguration;
import io.dynamicbean.autoconfigure.actuate.Generators.FlakyGeneratorsConfiguration;
import io.dynamicbean.support.DefaultDynamicBeanFactory;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.jackson.JacksonEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementContextAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.servlet.autoconfigure.actuate.web.ServletManagementContextAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.actuate.endpoint.web.WebMvcHealthEndpointExtensionAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.actuate.web.WebMvcEndpointManagementContextConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the {@code dynamicbeans} endpoint and the {@code dynamicBeans} health contributor
 * over HTTP, through Spring MVC and the actuator's own JSON mapper.
 */
class DynamicBeansEndpointWebTests {

	/** When every failure, retry and activation happens: far enough ahead that no retry runs. */
	private static final Instant NOW = Instant.parse("2100-01-01T00:00:00Z");

	private static final String CLIENT = """
			{
			  "name": "client",
			  "type": "io.dynamicbean.autoconfigure.actuate.Generators$Client",
			  "generator": "clientGenerator",
			  "state": "FAILED",
			  "attempts": 1,
			  "consecutiveFailures": 1,
			  "lastFailure": "java.lang.IllegalStateException: backend down; caused by java.net.ConnectException: Connection refused",
			  "lastFailureTime": "2100-01-01T00:00:00Z",
			  "nextRetry": "2100-01-01T00:01:00Z",
			  "delaySeconds": 60,
			  "dependencies": []
			}""";

	private static final String SERVICE = """
			{
			  "name": "service",
			  "type": "io.dynamicbean.autoconfigure.actuate.Generators$Service",
			  "generator": "serviceGenerator",
			  "state": "WAITING",
			  "attempts": 0,
			  "consecutiveFailures": 0,
			  "lastFailure": "io.dynamicbean.DynamicBeanDependencyException: Dynamic bean 'service' is waiting for dynamic bean 'client'; caused by java.lang.IllegalStateException: backend down; caused by java.net.ConnectException: Connection refused",
			  "lastFailureTime": "2100-01-01T00:00:00Z",
			  "delaySeconds": 0,
			  "dependencies": ["client"]
			}""";

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DynamicBeanAutoConfiguration.class,
				DynamicBeansEndpointAutoConfiguration.class, DynamicBeansHealthContributorAutoConfiguration.class,
				JacksonAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
				DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class,
				EndpointAutoConfiguration.class, JacksonEndpointAutoConfiguration.class,
				WebEndpointAutoConfiguration.class, ManagementContextAutoConfiguration.class,
				ServletManagementContextAutoConfiguration.class, WebMvcEndpointManagementContextConfiguration.class,
				HealthContributorRegistryAutoConfiguration.class, HealthEndpointAutoConfiguration.class,
				WebMvcHealthEndpointExtensionAutoConfiguration.class))
		.withUserConfiguration(FixedClockConfiguration.class, FlakyGeneratorsConfiguration.class)
		.withPropertyValues("management.endpoints.web.exposure.include=dynamicbeans,health",
				"management.endpoint.health.show-details=always");

	@Test
	void readsEveryDynamicBean() {
		this.contextRunner.run((context) -> assertThat(MockMvcTester.from(context).get().uri("/actuator/dynamicbeans"))
			.hasStatusOk()
			.bodyJson()
			.isStrictlyEqualTo("{\"beans\": [" + CLIENT + "," + SERVICE + "]}"));
	}

	@Test
	void readsWhatContributorsSayOfABean() {
		DynamicBeanDetailsContributor nodes = (status) -> status.beanName().equals("client")
				? Map.of("nodes", List.of(Map.of("address", "10.0.0.1:11211", "state", "DOWN", "since", NOW)))
				: Map.of();
		this.contextRunner.withBean(DynamicBeanDetailsContributor.class, () -> nodes)
			.run((context) -> assertThat(MockMvcTester.from(context).get().uri("/actuator/dynamicbeans/client"))
				.hasStatusOk()
				.bodyJson()
				.extractingPath("$.details")
				.isEqualTo(Map.of("nodes",
						List.of(Map.of("address", "10.0.0.1:11211", "state", "DOWN", "since", "2100-01-01T00:00:00Z")))));
	}

	@Test
	void readsOneDynamicBean() {
		this.contextRunner
			.run((context) -> assertThat(MockMvcTester.from(context).get().uri("/actuator/dynamicbeans/service"))
				.hasStatusOk()
				.bodyJson()
				.isStrictlyEqualTo(SERVICE));
	}

	@Test
	void answersNotFoundForAnUnknownBean() {
		this.contextRunner.run((context) -> assertThat(MockMvcTester.from(context).get().uri("/actuator/dynamicbeans/nope"))
			.hasStatus(HttpStatus.NOT_FOUND));
	}

	@Test
	void recoversOneBeanOnPost() {
		this.contextRunner.run((context) -> {
			MockMvcTester mvc = MockMvcTester.from(context);
			assertThat(mvc.post().uri("/actuator/dynamicbeans/client")).hasStatusOk()
				.bodyJson()
				.isStrictlyEqualTo("""
						{
						  "name": "client",
						  "type": "io.dynamicbean.autoconfigure.actuate.Generators$Client",
						  "generator": "clientGenerator",
						  "state": "ACTIVE",
						  "attempts": 2,
						  "consecutiveFailures": 0,
						  "lastFailureTime": "2100-01-01T00:00:00Z",
						  "activeSince": "2100-01-01T00:00:00Z",
						  "delaySeconds": 60,
						  "dependencies": []
						}""");
			assertThat(mvc.get().uri("/actuator/dynamicbeans/service")).bodyJson()
				.extractingPath("$.state")
				.as("state of the dependent after recovery of its dependency")
				.isEqualTo("ACTIVE");
		});
	}

	@Test
	void recoversEveryBeanOnPost() {
		this.contextRunner.run((context) -> assertThat(MockMvcTester.from(context).post().uri("/actuator/dynamicbeans"))
			.hasStatusOk()
			.bodyJson()
			.extractingPath("$.beans[*].state")
			.asArray()
			.containsExactly("ACTIVE", "ACTIVE"));
	}

	@Test
	void answersBadRequestForRecoveryOfAnUnknownBean() {
		this.contextRunner.run((context) -> assertThat(MockMvcTester.from(context).post().uri("/actuator/dynamicbeans/nope"))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.hasFailed());
	}

	@Test
	void reportsMissingBeansInHealthWhileUp() {
		this.contextRunner
			.run((context) -> assertThat(MockMvcTester.from(context).get().uri("/actuator/health/dynamicBeans"))
				.hasStatusOk()
				.bodyJson()
				.isStrictlyEqualTo("""
						{
						  "status": "UP",
						  "details": {
						    "missing": {
						      "client": {
						        "state": "FAILED",
						        "lastFailure": "java.lang.IllegalStateException: backend down; caused by java.net.ConnectException: Connection refused",
						        "nextRetry": "2100-01-01T00:01:00Z"
						      },
						      "service": {
						        "state": "WAITING",
						        "lastFailure": "io.dynamicbean.DynamicBeanDependencyException: Dynamic bean 'service' is waiting for dynamic bean 'client'; caused by java.lang.IllegalStateException: backend down; caused by java.net.ConnectException: Connection refused"
						      }
						    },
						    "states": {
						      "PENDING": 0,
						      "DIRECT_ONLY": 0,
						      "GENERATING": 0,
						      "ACTIVE": 0,
						      "FAILED": 1,
						      "WAITING": 1
						    }
						  }
						}"""));
	}

	@Configuration(proxyBeanMethods = false)
	static class FixedClockConfiguration {

		@Bean
		DefaultDynamicBeanFactory dynamicBeanFactory(ObjectProvider<DynamicBeanListener> listeners) {
			DefaultDynamicBeanFactory factory = new DefaultDynamicBeanFactory(listeners);
			factory.setClock(Clock.fixed(NOW, ZoneOffset.UTC));
			factory.setRetryJitter(0);
			return factory;
		}

	}

}
