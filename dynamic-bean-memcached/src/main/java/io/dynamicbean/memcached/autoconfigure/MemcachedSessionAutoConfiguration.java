/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.autoconfigure;

import io.dynamicbean.DynamicBeanFactory;
import io.dynamicbean.memcached.MemcachedClientGenerator;
import io.dynamicbean.memcached.MemcachedFailureMonitor;
import io.dynamicbean.memcached.MemcachedSecurityContextRepositoryGenerator;
import io.dynamicbean.memcached.MemcachedSessionRepositoryGenerator;
import io.dynamicbean.session.SwitchableSessionRepository;
import io.dynamicbean.session.autoconfigure.SessionTimeout;
import io.dynamicbean.session.security.SwitchableSecurityContextRepository;
import io.dynamicbean.session.serialization.DeserializationAllowList;
import net.spy.memcached.MemcachedClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the memcached session store: registers the generators of the
 * {@code memcachedClient}, {@code memcachedSessionRepository} and
 * {@code memcachedSecurityContextRepository} dynamic beans, configured from
 * {@link MemcachedProperties}; the {@link MemcachedFailureMonitor} that invalidates them when
 * memcached stops answering. Session attribute values are read back through the
 * {@link DeserializationAllowList} of {@code dynamic-bean-session}
 * ({@code dynamic-bean.session.serialization.*}), limited to the max item size. The application
 * starts whether memcached is up or not: the switchable session front of
 * {@code dynamic-bean-session} serves local sessions until the chain is generated, and again
 * whenever it is invalidated.
 *
 * <p>Every bean backs off when the application defines one of its type. Active when
 * {@code dynamic-bean.session.store} is {@code memcached} or not set; turned off with another
 * store or {@code dynamic-bean.memcached.enabled=false}.
 */
@AutoConfiguration(afterName = { "io.dynamicbean.autoconfigure.DynamicBeanAutoConfiguration",
		"io.dynamicbean.session.autoconfigure.SwitchableSessionAutoConfiguration" })
@ConditionalOnClass(MemcachedClient.class)
@ConditionalOnBooleanProperty(prefix = "dynamic-bean.memcached", name = "enabled", matchIfMissing = true)
@ConditionalOnProperty(name = "dynamic-bean.session.store",
		havingValue = MemcachedSecurityContextRepositoryGenerator.STORE_NAME, matchIfMissing = true)
@EnableConfigurationProperties(MemcachedProperties.class)
public final class MemcachedSessionAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MemcachedFailureMonitor memcachedFailureMonitor(ObjectProvider<DynamicBeanFactory> dynamicBeanFactory,
			MemcachedProperties properties) {
		MemcachedFailureMonitor monitor = new MemcachedFailureMonitor(dynamicBeanFactory);
		monitor.setFailureThreshold(properties.getFailureThreshold());
		return monitor;
	}

	@Bean
	@ConditionalOnMissingBean
	MemcachedClientGenerator memcachedClientGenerator(MemcachedProperties properties) {
		MemcachedClientGenerator generator = new MemcachedClientGenerator();
		generator.setServers(properties.getServers());
		generator.setProtocol(properties.getProtocol());
		generator.setOperationTimeout(properties.getOperationTimeout());
		generator.setConnectTimeout(properties.getConnectTimeout());
		generator.setDelay(properties.getRetryDelay());
		return generator;
	}

	@Bean
	@ConditionalOnMissingBean
	MemcachedSessionRepositoryGenerator memcachedSessionRepositoryGenerator(MemcachedProperties properties,
			Environment environment, ObjectProvider<SwitchableSessionRepository> switchableSessionRepository,
			ObjectProvider<MemcachedFailureMonitor> failureMonitor,
			ObjectProvider<DeserializationAllowList> deserializationAllowList) {
		MemcachedSessionRepositoryGenerator generator = new MemcachedSessionRepositoryGenerator();
		generator.setKeyPrefix(properties.getKeyPrefix());
		generator.setMaxItemSize(properties.getMaxItemSize());
		generator.setBackup(properties.isBackup());
		generator.setDeserializationAllowList(allowList(deserializationAllowList, properties));
		generator.setDefaultMaxInactiveInterval(SessionTimeout.of(environment));
		switchableSessionRepository
			.ifAvailable((repository) -> generator.setSessionIdGenerator(repository.getSessionIdGenerator()));
		failureMonitor.ifAvailable(generator::setOperationListener);
		generator.setDelay(properties.getRetryDelay());
		return generator;
	}

	/**
	 * The allow-list of the session module, plus what the deprecated
	 * {@code dynamic-bean.memcached.serialization.*} properties add.
	 */
	@SuppressWarnings("deprecation")
	private static DeserializationAllowList allowList(ObjectProvider<DeserializationAllowList> deserializationAllowList,
			MemcachedProperties properties) {
		MemcachedProperties.Serialization deprecated = properties.getSerialization();
		return deserializationAllowList.getIfAvailable(DeserializationAllowList::new)
			.allowing(deprecated.getAllowedClasses(), deprecated.getAllowedPackages());
	}

	@Bean
	@ConditionalOnMissingBean
	MemcachedSecurityContextRepositoryGenerator memcachedSecurityContextRepositoryGenerator(
			MemcachedProperties properties, ObjectProvider<SwitchableSessionRepository> switchableSessionRepository,
			ObjectProvider<SwitchableSecurityContextRepository> switchableSecurityContextRepository) {
		MemcachedSecurityContextRepositoryGenerator generator = new MemcachedSecurityContextRepositoryGenerator(
				switchableSessionRepository, switchableSecurityContextRepository);
		generator.setDelay(properties.getRetryDelay());
		return generator;
	}

}
