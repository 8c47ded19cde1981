/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.autoconfigure;

import io.dynamicbean.DynamicBeanFactory;
import io.dynamicbean.DynamicBeanRecover;
import io.dynamicbean.DynamicGeneratorAdapter;
import io.dynamicbean.autoconfigure.actuate.DynamicBeanMetrics;
import io.dynamicbean.autoconfigure.actuate.DynamicBeansEndpoint;
import io.dynamicbean.autoconfigure.actuate.DynamicBeansHealthIndicator;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the dynamic-bean auto-configurations among every auto-configuration on the class path,
 * as {@code @SpringBootApplication} loads them: they sort without a cycle and each part turns on.
 */
class DynamicBeanAutoConfigurationOrderingTests {

	@Test
	void turnsEveryPartOnAmongEveryAutoConfiguration() {
		new ApplicationContextRunner().withUserConfiguration(Application.class)
			.withPropertyValues("management.endpoints.web.exposure.include=dynamicbeans")
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(DynamicBeanFactory.class)
					.hasSingleBean(DynamicBeanRecover.class)
					.hasSingleBean(DynamicBeansEndpoint.class)
					.hasSingleBean(DynamicBeansHealthIndicator.class)
					.hasSingleBean(DynamicBeanMetrics.class);
				assertThat(context.getBean(HealthContributorRegistry.class).getContributor("dynamicBeans"))
					.as("health contributor 'dynamicBeans'")
					.isNotNull();
				assertThat(context.getBean(MeterRegistry.class)
					.get("dynamic.bean.attempts")
					.tag("bean", "client")
					.tag("outcome", "success")
					.counter()
					.count()).as("successful start-up attempts of 'client'").isEqualTo(1);
			});
	}

	static class Client {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

		@Bean
		DynamicGeneratorAdapter<Client> clientGenerator() {
			return new DynamicGeneratorAdapter<>(Client.class) {

				@Override
				public Client generate() {
					return new Client();
				}

			};
		}

	}

}
