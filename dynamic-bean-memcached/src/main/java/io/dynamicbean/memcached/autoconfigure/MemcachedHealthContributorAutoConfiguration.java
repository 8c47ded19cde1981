/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.autoconfigure;

import io.dynamicbean.memcached.MemcachedCluster;
import io.dynamicbean.memcached.MemcachedNodesHealthIndicator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Registers the {@link MemcachedNodesHealthIndicator}, contributed as {@code memcachedNodes},
 * when Spring Boot's health support is on the class path and the memcached session store is on.
 * Turned off with {@code management.health.memcachednodes.enabled=false}.
 */
@AutoConfiguration(after = MemcachedSessionAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBooleanProperty(prefix = "dynamic-bean.memcached", name = "enabled", matchIfMissing = true)
@ConditionalOnEnabledHealthIndicator("memcachednodes")
public final class MemcachedHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "memcachedNodesHealthIndicator")
	MemcachedNodesHealthIndicator memcachedNodesHealthIndicator(ObjectProvider<MemcachedCluster> cluster) {
		return new MemcachedNodesHealthIndicator(cluster);
	}

}
