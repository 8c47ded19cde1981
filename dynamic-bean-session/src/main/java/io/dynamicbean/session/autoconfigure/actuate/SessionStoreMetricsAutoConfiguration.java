/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session.autoconfigure.actuate;

import io.dynamicbean.session.SessionStoreGeneratorAdapter;
import io.dynamicbean.session.SwitchableSessionRepository;
import io.dynamicbean.session.web.SwitchableSessionRequestFilter;
import io.dynamicbean.session.autoconfigure.SwitchableSessionAutoConfiguration;
import io.dynamicbean.session.serialization.UnreadableValues;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Registers {@link SessionStoreMetrics} when the application has a Micrometer
 * {@link MeterRegistry} and the switchable session front, and makes it a listener of the front;
 * and {@link UnreadableValuesMetrics} for the application's {@link UnreadableValues}.
 * The meters can be turned off with {@code management.metrics.enable.dynamic.bean.session=false}.
 * An application's own {@link SessionStoreMetrics} bean replaces it; add it to the front with
 * {@link SwitchableSessionRepository#addRemoteStoreListener} yourself then.
 */
@AutoConfiguration(after = SwitchableSessionAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, SwitchableSessionRepository.class })
public final class SessionStoreMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SessionStoreMetrics sessionStoreMetrics(SwitchableSessionRepository switchableSessionRepository,
			ObjectProvider<SwitchableSessionRequestFilter> requestFilter,
			ObjectProvider<SessionStoreGeneratorAdapter<?>> generators, MeterRegistry meterRegistry) {
		SessionStoreMetrics metrics = new SessionStoreMetrics(switchableSessionRepository,
				requestFilter.getIfUnique(),
				generators.orderedStream().map(SessionStoreGeneratorAdapter::getStoreName).toList(), meterRegistry);
		switchableSessionRepository.addRemoteStoreListener(metrics);
		return metrics;
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(UnreadableValues.class)
	UnreadableValuesMetrics unreadableValuesMetrics(UnreadableValues unreadableValues) {
		return new UnreadableValuesMetrics(unreadableValues);
	}

}
