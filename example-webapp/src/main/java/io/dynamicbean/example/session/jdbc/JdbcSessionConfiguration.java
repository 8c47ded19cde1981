/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.session.jdbc;

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
 * Profile {@code jdbc}: sessions in a relational database, through
 * {@link JdbcSessionRepositoryGenerator}, taken out by a failure monitor when the database dies
 * at run time and brought back by the generator.
 */
@Configuration(proxyBeanMethods = false)
@Profile("jdbc")
@EnableConfigurationProperties(JdbcSessionProperties.class)
public class JdbcSessionConfiguration {

	@Bean
	JdbcSessionRepositoryGenerator jdbcSessionRepositoryGenerator(JdbcSessionProperties properties,
			SwitchableSessionRepository sessions, Environment environment,
			ObjectProvider<SessionValueSerializer> sessionValueSerializer) {
		JdbcSessionRepositoryGenerator generator = new JdbcSessionRepositoryGenerator(properties, sessions);
		generator.setSessionTimeout(SessionTimeout.of(environment));
		sessionValueSerializer.ifAvailable(generator::setValueSerializer);
		return generator;
	}

	@Bean
	RemoteStoreFailureMonitor jdbcSessionStoreFailureMonitor(JdbcSessionRepositoryGenerator generator,
			JdbcSessionProperties properties, SwitchableSessionRepository sessions,
			ObjectProvider<DynamicBeanFactory> dynamicBeanFactory) {
		return RemoteStoreFailureMonitor.watch(generator, properties, sessions, dynamicBeanFactory);
	}

}
