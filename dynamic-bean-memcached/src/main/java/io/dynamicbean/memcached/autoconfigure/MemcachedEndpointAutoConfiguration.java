/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.autoconfigure;

import io.dynamicbean.autoconfigure.actuate.DynamicBeansEndpoint;
import io.dynamicbean.memcached.MemcachedCluster;
import io.dynamicbean.memcached.MemcachedNodesDetailsContributor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Registers the {@link MemcachedNodesDetailsContributor}, which shows each memcached node's state
 * in the {@code dynamicbeans} actuator endpoint, when the actuator is on the class path, the
 * endpoint is available and the memcached session store is on.
 */
@AutoConfiguration(after = MemcachedSessionAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBooleanProperty(prefix = "dynamic-bean.memcached", name = "enabled", matchIfMissing = true)
public final class MemcachedEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint(DynamicBeansEndpoint.class)
	MemcachedNodesDetailsContributor memcachedNodesDetailsContributor(ObjectProvider<MemcachedCluster> cluster) {
		return new MemcachedNodesDetailsContributor(cluster);
	}

}
