/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.autoconfigure;

import io.dynamicbean.autoconfigure.DynamicBeanAutoConfiguration;
import io.dynamicbean.autoconfigure.actuate.DynamicBeansEndpointAutoConfiguration;
import io.dynamicbean.memcached.MemcachedNodesDetailsContributor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MemcachedEndpointAutoConfiguration}.
 */
class MemcachedEndpointAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DynamicBeanAutoConfiguration.class,
				DynamicBeansEndpointAutoConfiguration.class, MemcachedSessionAutoConfiguration.class,
				MemcachedEndpointAutoConfiguration.class));

	@Test
	void addsTheNodesToTheEndpointWhenItIsExposed() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=dynamicbeans").run((context) -> {
			assertThat(context).hasSingleBean(MemcachedNodesDetailsContributor.class);
			assertThat(ReflectionTestUtils.getField(context.getBean("dynamicBeansEndpoint"), "detailsContributors"))
				.asList()
				.containsExactly(context.getBean(MemcachedNodesDetailsContributor.class));
		});
	}

	@Test
	void isNotRegisteredWhenTheEndpointIsNotExposed() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(MemcachedNodesDetailsContributor.class));
	}

	@Test
	void isNotRegisteredWhenMemcachedIsOff() {
		this.runner
			.withPropertyValues("management.endpoints.web.exposure.include=dynamicbeans",
					"dynamic-bean.memcached.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MemcachedNodesDetailsContributor.class));
	}

	@Test
	void isNotRegisteredWithoutTheActuator() {
		this.runner.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.withPropertyValues("management.endpoints.web.exposure.include=dynamicbeans")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(MemcachedNodesDetailsContributor.class));
	}

}
