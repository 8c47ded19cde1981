/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.autoconfigure.actuate;

import io.dynamicbean.DynamicBeanFactory;
import io.dynamicbean.autoconfigure.DynamicBeanAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Registers the {@link DynamicBeansHealthIndicator}, contributed as {@code dynamicBeans}, when
 * Spring Boot's health support is on the class path and dynamic beans are on. Turned off with
 * {@code management.health.dynamicbeans.enabled=false}.
 */
@AutoConfiguration(after = DynamicBeanAutoConfiguration.class,
		beforeName = "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(DynamicBeanFactory.class)
@ConditionalOnEnabledHealthIndicator("dynamicbeans")
public final class DynamicBeansHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "dynamicBeansHealthIndicator")
	DynamicBeansHealthIndicator dynamicBeansHealthIndicator(DynamicBeanFactory dynamicBeanFactory) {
		return new DynamicBeansHealthIndicator(dynamicBeanFactory);
	}

}
