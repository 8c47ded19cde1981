/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.autoconfigure.actuate;

import java.util.Map;

import io.dynamicbean.DynamicBeanFactory;
import io.dynamicbean.DynamicBeanState;
import io.dynamicbean.autoconfigure.DynamicBeanAutoConfiguration;
import io.dynamicbean.autoconfigure.actuate.Generators.FlakyGeneratorsConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

/**
 * Tests for {@link DynamicBeansHealthIndicator} and
 * {@link DynamicBeansHealthContributorAutoConfiguration}.
 */
class DynamicBeansHealthIndicatorTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DynamicBeanAutoConfiguration.class,
				DynamicBeansHealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class))
		.withUserConfiguration(FlakyGeneratorsConfiguration.class);

	@Test
	void isUpWithTheMissingBeansInItsDetails() {
		this.contextRunner.run((context) -> {
			Health health = context.getBean(DynamicBeansHealthIndicator.class).health();
			assertThat(health.getStatus()).as("a missing dynamic bean never takes the application out of service")
				.isEqualTo(Status.UP);
			assertThat(health.getDetails()).extractingByKey("missing", as(MAP))
				.containsOnlyKeys("client", "service");
			assertThat(health.getDetails()).extractingByKey("missing", as(MAP))
				.extractingByKey("client", as(MAP))
				.containsEntry("state", DynamicBeanState.FAILED)
				.containsEntry("lastFailure",
						"java.lang.IllegalStateException: backend down; caused by java.net.ConnectException: Connection refused")
				.containsEntry("nextRetry", context.getBean(DynamicBeanFactory.class).getStatus("client").nextRetry());
			assertThat(health.getDetails()).extractingByKey("missing", as(MAP))
				.extractingByKey("service", as(MAP))
				.containsEntry("state", DynamicBeanState.WAITING)
				.doesNotContainKey("nextRetry");
		});
	}

	@Test
	void countsBeansPerState() {
		this.contextRunner.run((context) -> {
			Map<String, Object> details = context.getBean(DynamicBeansHealthIndicator.class).health().getDetails();
			assertThat(details).extractingByKey("states", as(MAP))
				.containsExactly(Map.entry(DynamicBeanState.PENDING, 0L), Map.entry(DynamicBeanState.DIRECT_ONLY, 0L),
						Map.entry(DynamicBeanState.GENERATING, 0L), Map.entry(DynamicBeanState.ACTIVE, 0L),
						Map.entry(DynamicBeanState.FAILED, 1L), Map.entry(DynamicBeanState.WAITING, 1L));
		});
	}

	@Test
	void listsNothingMissingOnceEveryBeanIsActive() {
		this.contextRunner.run((context) -> {
			context.getBean(DynamicBeanFactory.class).recover();
			Health health = context.getBean(DynamicBeansHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).extractingByKey("missing", as(MAP)).isEmpty();
			assertThat(health.getDetails()).extractingByKey("states", as(MAP))
				.containsEntry(DynamicBeanState.ACTIVE, 2L)
				.containsEntry(DynamicBeanState.FAILED, 0L);
		});
	}

	@Test
	void isContributedAsDynamicBeans() {
		this.contextRunner.run((context) -> assertThat(
				context.getBean(HealthContributorRegistry.class).getContributor("dynamicBeans"))
			.isSameAs(context.getBean(DynamicBeansHealthIndicator.class)));
	}

	@Test
	void isNotRegisteredWhenDisabled() {
		this.contextRunner.withPropertyValues("management.health.dynamicbeans.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DynamicBeansHealthIndicator.class));
	}

	@Test
	void isNotRegisteredWhenDynamicBeansAreOff() {
		this.contextRunner.withPropertyValues("dynamic-bean.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DynamicBeansHealthIndicator.class));
	}

	@Test
	void isNotRegisteredWithoutSpringBootHealth() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DynamicBeanAutoConfiguration.class,
					DynamicBeansHealthContributorAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DynamicBeansHealthIndicator.class));
	}

}
