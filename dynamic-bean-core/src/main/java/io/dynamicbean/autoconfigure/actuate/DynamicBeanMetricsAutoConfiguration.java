/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.autoconfigure.actuate;

import io.dynamicbean.DynamicBeanFactory;
import io.dynamicbean.autoconfigure.DynamicBeanAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Registers {@link DynamicBeanMetrics} when the application has a Micrometer
 * {@link MeterRegistry} and dynamic beans are on. The meters can be turned off with
 * {@code management.metrics.enable.dynamic=false}.
 */
@AutoConfiguration(after = DynamicBeanAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, DynamicBeanFactory.class })
public final class DynamicBeanMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DynamicBeanMetrics dynamicBeanMetrics(DynamicBeanFactory dynamicBeanFactory, MeterRegistry meterRegistry) {
		return new DynamicBeanMetrics(dynamicBeanFactory, meterRegistry);
	}

}
