/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.autoconfigure.actuate;

import io.dynamicbean.memcached.MemcachedCluster;
import io.dynamicbean.memcached.MemcachedSessionRepositoryGenerator;
import io.dynamicbean.memcached.autoconfigure.MemcachedSessionAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Registers {@link MemcachedStoreMetrics} when the application has a Micrometer
 * {@link MeterRegistry} and the memcached session store, and makes it the
 * {@link MemcachedSessionRepositoryGenerator#setStoreListener store listener} of the repositories
 * the generator builds. The meters can be turned off with
 * {@code management.metrics.enable.dynamic.bean.session=false}. An application's own
 * {@link MemcachedStoreMetrics} bean replaces it; make it the generator's listener yourself then.
 */
@AutoConfiguration(after = MemcachedSessionAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, MemcachedSessionRepositoryGenerator.class })
public final class MemcachedStoreMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MemcachedStoreMetrics memcachedStoreMetrics(MemcachedSessionRepositoryGenerator memcachedSessionRepositoryGenerator,
			ObjectProvider<MemcachedCluster> memcachedCluster, MeterRegistry meterRegistry) {
		MemcachedStoreMetrics metrics = new MemcachedStoreMetrics(memcachedSessionRepositoryGenerator.getStoreName(),
				memcachedCluster::getIfAvailable, meterRegistry);
		memcachedSessionRepositoryGenerator.setStoreListener(metrics);
		return metrics;
	}

}
