/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.web;

import io.dynamicbean.session.SwitchableSessionRepository;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The beans behind the example's pages. They ask the {@link SwitchableSessionRepository} where a
 * session lives when there is one, and work without it too (the benchmark-only
 * {@code plain-redis} profile has none).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ExampleProperties.class)
public class WebConfiguration {

	@Bean
	InstanceId instanceId(ExampleProperties properties) {
		return new InstanceId(properties.getInstanceId());
	}

	@Bean
	SessionViews sessionViews(InstanceId instanceId, ObjectProvider<SwitchableSessionRepository> sessions) {
		return new SessionViews(instanceId, sessions.getIfAvailable());
	}

	@Bean
	UserSessions userSessions(ObjectProvider<SwitchableSessionRepository> sessions) {
		return new UserSessions(sessions.getIfAvailable());
	}

}
