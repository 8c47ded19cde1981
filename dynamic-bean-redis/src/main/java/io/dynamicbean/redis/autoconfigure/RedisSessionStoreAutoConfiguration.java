/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.redis.autoconfigure;

import io.dynamicbean.redis.RedisSessionRepositoryGenerator;
import io.dynamicbean.session.SwitchableSessionRepository;
import io.dynamicbean.session.autoconfigure.SessionTimeout;
import io.dynamicbean.session.autoconfigure.SwitchableSessionProperties;
import io.dynamicbean.session.serialization.SessionValueSerializer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.session.FlushMode;
import org.springframework.session.SaveMode;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.data.redis.RedisSessionRepository;

/**
 * Auto-configuration of the Redis session store, active with
 * {@code dynamic-bean.session.store=redis}: the generator of the {@code redisSessionRepository}
 * dynamic bean on Spring Boot's own {@code spring.data.redis.*} (through Boot's
 * {@link DataRedisConnectionDetails}: standalone, Sentinel or Cluster). The application starts
 * whether Redis is up or not; the switchable front serves local sessions until the repository is
 * generated, and again while the {@link io.dynamicbean.session.RemoteStoreFailureMonitor} has it
 * out. Also read, by Boot's names: {@code spring.session.redis.namespace}, {@code flush-mode},
 * {@code save-mode}, and the session timeout ({@code spring.session.timeout}, else
 * {@code server.servlet.session.timeout}). {@code dynamic-bean.session.remote.*} sets the retry delay and
 * failure threshold.
 *
 * <p>The generator backs off when the application defines its own
 * {@link RedisSessionRepositoryGenerator}. Boot's own Redis connection factory (and its health
 * indicator) stay as Boot configures them; the session store does not use them.
 */
@AutoConfiguration(after = DataRedisAutoConfiguration.class,
		afterName = { "io.dynamicbean.autoconfigure.DynamicBeanAutoConfiguration",
				"io.dynamicbean.session.autoconfigure.SwitchableSessionAutoConfiguration" })
@ConditionalOnClass({ RedisSessionRepository.class, DataRedisConnectionDetails.class })
@ConditionalOnProperty(name = "dynamic-bean.session.store", havingValue = RedisSessionRepositoryGenerator.STORE_NAME)
@ConditionalOnBean(SwitchableSessionRepository.class)
@EnableConfigurationProperties(DataRedisProperties.class)
public final class RedisSessionStoreAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RedisSessionRepositoryGenerator redisSessionRepositoryGenerator(SwitchableSessionRepository sessions,
			DataRedisConnectionDetails connectionDetails, DataRedisProperties redisProperties,
			SwitchableSessionProperties sessionProperties, Environment environment,
			ObjectProvider<SessionValueSerializer> sessionValueSerializer,
			ObjectProvider<SessionRepositoryCustomizer<RedisSessionRepository>> repositoryCustomizers) {
		SessionLettuceConnectionFactories connectionFactories = new SessionLettuceConnectionFactories(connectionDetails,
				redisProperties);
		RedisSessionRepositoryGenerator generator = new RedisSessionRepositoryGenerator(sessions, connectionFactories,
				connectionFactories.description());
		sessionProperties.getRemote().applyTo(generator);
		generator.setSessionTimeout(SessionTimeout.of(environment));
		sessionValueSerializer.ifAvailable(generator::setValueSerializer);
		generator.setRepositoryCustomizers(repositoryCustomizers.orderedStream().toList());
		Binder binder = Binder.get(environment);
		binder.bind("spring.session.redis.namespace", String.class).ifBound(generator::setKeyNamespace);
		binder.bind("spring.session.redis.flush-mode", FlushMode.class).ifBound(generator::setFlushMode);
		binder.bind("spring.session.redis.save-mode", SaveMode.class).ifBound(generator::setSaveMode);
		return generator;
	}

}
