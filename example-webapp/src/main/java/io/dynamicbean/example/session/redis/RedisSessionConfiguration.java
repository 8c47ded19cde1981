/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.session.redis;

import io.dynamicbean.DynamicBeanFactory;
import io.dynamicbean.example.session.RemoteStoreFailureMonitor;
import io.dynamicbean.example.session.SessionTimeout;
import io.dynamicbean.session.SwitchableSessionRepository;
import io.dynamicbean.session.serialization.SessionValueSerializer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;

/**
 * Profile {@code redis}: sessions in Redis. Declaring the generator is all it takes for start-up:
 * the dynamic bean framework finds it, generates the repository at start-up (or later, when Redis
 * comes up) and retries it while Redis is down. The failure monitor handles Redis dying later:
 * it takes the repository out after a few failed calls, and the generator brings it back.
 */
@Configuration(proxyBeanMethods = false)
@Profile("redis")
@EnableConfigurationProperties(RedisSessionProperties.class)
public class RedisSessionConfiguration {

	@Bean
	RedisSessionRepositoryGenerator redisSessionRepositoryGenerator(RedisSessionProperties properties,
			SwitchableSessionRepository sessions, Environment environment,
			ObjectProvider<SessionValueSerializer> sessionValueSerializer) {
		RedisSessionRepositoryGenerator generator = new RedisSessionRepositoryGenerator(properties, sessions);
		generator.setSessionTimeout(SessionTimeout.of(environment));
		sessionValueSerializer.ifAvailable(generator::setValueSerializer);
		return generator;
	}

	@Bean
	RemoteStoreFailureMonitor redisSessionStoreFailureMonitor(RedisSessionRepositoryGenerator generator,
			RedisSessionProperties properties, SwitchableSessionRepository sessions,
			ObjectProvider<DynamicBeanFactory> dynamicBeanFactory) {
		return RemoteStoreFailureMonitor.watch(generator, properties, sessions, dynamicBeanFactory);
	}

}
