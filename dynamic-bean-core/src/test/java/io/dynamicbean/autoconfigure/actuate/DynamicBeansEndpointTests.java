/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.autoconfigure.actuate;

import java.util.List;
import java.util.Map;

import io.dynamicbean.DynamicBeanState;
import io.dynamicbean.autoconfigure.DynamicBeanAutoConfiguration;
import io.dynamicbean.autoconfigure.actuate.DynamicBeansEndpoint.DynamicBeanDescriptor;
import io.dynamicbean.autoconfigure.actuate.Generators.FlakyGeneratorsConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link DynamicBeansEndpoint} and {@link DynamicBeansEndpointAutoConfiguration}.
 */
class DynamicBeansEndpointTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(DynamicBeanAutoConfiguration.class, DynamicBeansEndpointAutoConfiguration.class))
		.withUserConfiguration(FlakyGeneratorsConfiguration.class)
		.withPropertyValues("management.endpoints.web.exposure.include=dynamicbeans");

	@Test
	void readsEveryDynamicBeanDependenciesFirst() {
		this.contextRunner.run((context) -> {
			List<DynamicBeanDescriptor> beans = context.getBean(DynamicBeansEndpoint.class).dynamicBeans().beans();
			assertThat(beans).extracting(DynamicBeanDescriptor::name).containsExactly("client", "service");
			assertThat(beans).extracting(DynamicBeanDescriptor::state)
				.containsExactly(DynamicBeanState.FAILED, DynamicBeanState.WAITING);
		});
	}

	@Test
	void describesAFailedBean() {
		this.contextRunner.run((context) -> {
			DynamicBeanDescriptor client = context.getBean(DynamicBeansEndpoint.class).dynamicBean("client");
			assertThat(client.type()).isEqualTo(Generators.Client.class.getName());
			assertThat(client.generator()).isEqualTo("clientGenerator");
			assertThat(client.attempts()).isEqualTo(1);
			assertThat(client.consecutiveFailures()).isEqualTo(1);
			assertThat(client.lastFailure()).as("last failure on one line, with its cause")
				.isEqualTo("java.lang.IllegalStateException: backend down; "
						+ "caused by java.net.ConnectException: Connection refused");
			assertThat(client.lastFailureTime()).isNotNull();
			assertThat(client.activeSince()).isNull();
			assertThat(client.nextRetry()).as("the 60 s delay plus up to 10 percent of jitter")
				.isBetween(client.lastFailureTime().plusSeconds(60), client.lastFailureTime().plusSeconds(66));
			assertThat(client.delaySeconds()).isEqualTo(Generators.CLIENT_DELAY_SECONDS);
			assertThat(client.dependencies()).isEmpty();
		});
	}

	@Test
	void describesABeanWaitingForADependency() {
		this.contextRunner.run((context) -> {
			DynamicBeanDescriptor service = context.getBean(DynamicBeansEndpoint.class).dynamicBean("service");
			assertThat(service.state()).isEqualTo(DynamicBeanState.WAITING);
			assertThat(service.attempts()).as("a waiting bean's generator is not called").isZero();
			assertThat(service.lastFailure()).isEqualTo("io.dynamicbean.DynamicBeanDependencyException: "
					+ "Dynamic bean 'service' is waiting for dynamic bean 'client'; "
					+ "caused by java.lang.IllegalStateException: backend down; "
					+ "caused by java.net.ConnectException: Connection refused");
			assertThat(service.nextRetry()).as("generated with the client, not on a schedule of its own").isNull();
			assertThat(service.dependencies()).containsExactly("client");
		});
	}

	@Test
	void readsNothingForAnUnknownBean() {
		this.contextRunner.run((context) -> assertThat(context.getBean(DynamicBeansEndpoint.class).dynamicBean("nope"))
			.as("unknown bean, answered as 404")
			.isNull());
	}

	@Test
	void recoversEveryMissingBean() {
		this.contextRunner.run((context) -> {
			List<DynamicBeanDescriptor> beans = context.getBean(DynamicBeansEndpoint.class).recoverAll().beans();
			assertThat(beans).extracting(DynamicBeanDescriptor::state)
				.as("states after recovery")
				.containsExactly(DynamicBeanState.ACTIVE, DynamicBeanState.ACTIVE);
			assertThat(beans).allSatisfy((bean) -> {
				assertThat(bean.lastFailure()).isNull();
				assertThat(bean.nextRetry()).isNull();
				assertThat(bean.activeSince()).isNotNull();
			});
			assertThat(context).hasSingleBean(Generators.Service.class);
		});
	}

	@Test
	void recoversOneBeanAndItsWaitingDependents() {
		this.contextRunner.run((context) -> {
			DynamicBeansEndpoint endpoint = context.getBean(DynamicBeansEndpoint.class);
			DynamicBeanDescriptor client = endpoint.recover("client");
			assertThat(client.state()).isEqualTo(DynamicBeanState.ACTIVE);
			assertThat(client.attempts()).isEqualTo(2);
			assertThat(endpoint.dynamicBean("service").state()).as("the waiting dependent is generated too")
				.isEqualTo(DynamicBeanState.ACTIVE);
		});
	}

	@Test
	void rejectsRecoveryOfAnUnknownBean() {
		this.contextRunner.run((context) -> assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> context.getBean(DynamicBeansEndpoint.class).recover("nope"))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo("No dynamic bean named 'nope'"))
			.withMessageContaining("'nope'")
			.withMessageContaining("client, service"));
	}

	@Test
	void hasNoDetailsWithoutContributors() {
		this.contextRunner.run((context) -> assertThat(context.getBean(DynamicBeansEndpoint.class).dynamicBeans().beans())
			.extracting(DynamicBeanDescriptor::details)
			.as("details of beans no contributor describes")
			.containsOnlyNulls());
	}

	@Test
	void mergesWhatEveryContributorSaysOfABeanInOrder() {
		this.contextRunner.withUserConfiguration(ContributorsConfiguration.class).run((context) -> {
			DynamicBeansEndpoint endpoint = context.getBean(DynamicBeansEndpoint.class);
			assertThat(endpoint.dynamicBean("client").details()).as("details of the client, the later contributor winning")
				.containsOnly(Map.entry("server", "10.0.0.1:1234"), Map.entry("state", "DOWN"));
			assertThat(endpoint.dynamicBean("service").details()).as("details of a bean no contributor describes")
				.isNull();
		});
	}

	@Test
	void namesAFailingContributorInsteadOfFailing() {
		DynamicBeanDetailsContributor failing = (status) -> {
			throw new IllegalStateException("broken");
		};
		this.contextRunner.withBean("failingContributor", DynamicBeanDetailsContributor.class, () -> failing)
			.run((context) -> assertThat(context.getBean(DynamicBeansEndpoint.class).dynamicBean("client").details())
				.as("details when the contributor fails")
				.hasEntrySatisfying("detailsFailure",
						(failure) -> assertThat(failure.toString()).contains("IllegalStateException: broken")));
	}

	@Test
	void isNotRegisteredWhenNotExposed() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(DynamicBeanAutoConfiguration.class, DynamicBeansEndpointAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(DynamicBeansEndpoint.class));
	}

	@Test
	void isNotRegisteredWhenAccessIsNone() {
		this.contextRunner.withPropertyValues("management.endpoint.dynamicbeans.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(DynamicBeansEndpoint.class));
	}

	@Test
	void isNotRegisteredWhenDynamicBeansAreOff() {
		this.contextRunner.withPropertyValues("dynamic-bean.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DynamicBeansEndpoint.class));
	}

	@Test
	void isNotRegisteredWithoutTheActuator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DynamicBeansEndpoint.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class ContributorsConfiguration {

		@Bean
		@Order(2)
		DynamicBeanDetailsContributor stateContributor() {
			return (status) -> status.beanName().equals("client") ? Map.of("state", "DOWN") : Map.of();
		}

		@Bean
		@Order(1)
		DynamicBeanDetailsContributor serverContributor() {
			return (status) -> Generators.Client.class.isAssignableFrom(status.beanType())
					? Map.of("server", "10.0.0.1:1234", "state", "UP") : Map.of();
		}

	}

}
