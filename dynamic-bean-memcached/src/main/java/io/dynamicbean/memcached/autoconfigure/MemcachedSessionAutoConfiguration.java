/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.autoconfigure;

import java.time.Duration;

import io.dynamicbean.memcached.MemcachedClientGenerator;
import io.dynamicbean.memcached.MemcachedSecurityContextRepositoryGenerator;
import io.dynamicbean.memcached.MemcachedSessionRepository;
import io.dynamicbean.memcached.MemcachedSessionRepositoryGenerator;
import io.dynamicbean.session.StoreRetryRules;
import io.dynamicbean.session.SwitchableSessionRepository;
import io.dynamicbean.session.autoconfigure.SessionTimeout;
import io.dynamicbean.session.security.SwitchableSecurityContextRepository;
import io.dynamicbean.session.serialization.DeserializationAllowList;
import io.dynamicbean.session.serialization.UnreadableValues;
import net.spy.memcached.MemcachedClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.util.Assert;

/**
 * Auto-configuration of the memcached session store: registers the generators of the
 * {@code memcachedClient}, {@code memcachedSessionRepository} and
 * {@code memcachedSecurityContextRepository} dynamic beans, configured from
 * {@link MemcachedProperties}. The session repository generator is a
 * {@link io.dynamicbean.session.SessionStoreGeneratorAdapter}, like those of the Redis and JDBC
 * stores: it switches the session front to memcached, and the
 * {@link io.dynamicbean.session.RemoteStoreFailureMonitor} of {@code dynamic-bean-session} takes it
 * out after {@code dynamic-bean.memcached.failure-threshold} consecutive failures. Session
 * attribute values are read back through the {@link DeserializationAllowList} of
 * {@code dynamic-bean-session} ({@code dynamic-bean.session.serialization.*}), limited to the max
 * item size. The application starts whether memcached is up or not: the switchable session front
 * serves local sessions until the store is generated, and again whenever it is invalidated.
 *
 * <p>Every bean backs off when the application defines one of its type; the two repository
 * generators need the {@link SwitchableSessionRepository} of {@code dynamic-bean-session}. Active
 * when {@code dynamic-bean.session.store} is {@code memcached} or not set; turned off with another
 * store or {@code dynamic-bean.memcached.enabled=false}.
 */
@AutoConfiguration(afterName = { "io.dynamicbean.autoconfigure.DynamicBeanAutoConfiguration",
		"io.dynamicbean.session.autoconfigure.SwitchableSessionAutoConfiguration" })
@ConditionalOnClass(MemcachedClient.class)
@ConditionalOnBooleanProperty(prefix = "dynamic-bean.memcached", name = "enabled", matchIfMissing = true)
@ConditionalOnProperty(name = "dynamic-bean.session.store", havingValue = MemcachedSessionRepositoryGenerator.STORE_NAME,
		matchIfMissing = true)
@EnableConfigurationProperties(MemcachedProperties.class)
public final class MemcachedSessionAutoConfiguration {

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

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(SwitchableSessionRepository.class)
	static class SessionStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean
		MemcachedSessionRepositoryGenerator memcachedSessionRepositoryGenerator(MemcachedProperties properties,
				Environment environment, SwitchableSessionRepository switchableSessionRepository,
				ObjectProvider<DeserializationAllowList> deserializationAllowList,
				ObjectProvider<UnreadableValues> unreadableValues,
				ObjectProvider<SessionRepositoryCustomizer<MemcachedSessionRepository>> repositoryCustomizers) {
			MemcachedSessionRepositoryGenerator generator = new MemcachedSessionRepositoryGenerator(
					switchableSessionRepository);
			generator.setRepositoryCustomizers(repositoryCustomizers.orderedStream().toList());
			generator.setKeyPrefix(properties.getKeyPrefix());
			generator.setMaxItemSize(properties.getMaxItemSize());
			generator.setBackup(properties.isBackup());
			generator.setDecodedValueCacheSize(properties.getDecodedValueCacheSize());
			generator.setCompactValues(properties.isCompactValues());
			generator.setDeserializationAllowList(allowList(deserializationAllowList, properties));
			unreadableValues.ifAvailable(generator::setUnreadableValues);
			generator.setSessionTimeout(SessionTimeout.of(environment));
			generator.setRetryDelay(checkedRetryDelay(properties));
			generator.setFailureThreshold(checkedFailureThreshold(properties));
			return generator;
		}

		/**
		 * The allow-list of the session module, plus what the deprecated
		 * {@code dynamic-bean.memcached.serialization.*} properties add.
		 */
		@SuppressWarnings("deprecation")
		private static DeserializationAllowList allowList(
				ObjectProvider<DeserializationAllowList> deserializationAllowList, MemcachedProperties properties) {
			MemcachedProperties.Serialization deprecated = properties.getSerialization();
			return deserializationAllowList.getIfAvailable(DeserializationAllowList::new)
				.allowing(deprecated.getAllowedClasses(), deprecated.getAllowedPackages());
		}

		private static Duration checkedRetryDelay(MemcachedProperties properties) {
			return StoreRetryRules.checkRetryDelay(properties.getRetryDelay(), "dynamic-bean.memcached.retry-delay");
		}

		private static int checkedFailureThreshold(MemcachedProperties properties) {
			return StoreRetryRules.checkFailureThreshold(properties.getFailureThreshold(),
					"dynamic-bean.memcached.failure-threshold");
		}

		@Bean
		@ConditionalOnMissingBean
		MemcachedSecurityContextRepositoryGenerator memcachedSecurityContextRepositoryGenerator(
				MemcachedProperties properties,
				ObjectProvider<SwitchableSecurityContextRepository> switchableSecurityContextRepository) {
			MemcachedSecurityContextRepositoryGenerator generator = new MemcachedSecurityContextRepositoryGenerator(
					switchableSecurityContextRepository);
			generator.setDelay(properties.getRetryDelay());
			return generator;
		}

	}

}
