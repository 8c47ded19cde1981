/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.autoconfigure.actuate;

import io.dynamicbean.DynamicBeanFactory;
import io.dynamicbean.autoconfigure.DynamicBeanAutoConfiguration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Registers the {@link DynamicBeansEndpoint} when the actuator is on the class path, dynamic beans
 * are on, and the endpoint is available (exposed, and its access not {@code none}), with every
 * {@link DynamicBeanDetailsContributor} of the context in order.
 */
@AutoConfiguration(after = DynamicBeanAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBean(DynamicBeanFactory.class)
public final class DynamicBeansEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint
	DynamicBeansEndpoint dynamicBeansEndpoint(DynamicBeanFactory dynamicBeanFactory,
			ObjectProvider<DynamicBeanDetailsContributor> detailsContributors) {
		return new DynamicBeansEndpoint(dynamicBeanFactory, detailsContributors.orderedStream().toList());
	}

}
