/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.autoconfigure;

import io.dynamicbean.DynamicBeanFactory;
import io.dynamicbean.DynamicBeanListener;
import io.dynamicbean.DynamicBeanRecover;
import io.dynamicbean.support.DefaultDynamicBeanFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Turns dynamic beans on in a Spring Boot application, with no annotation: registers the
 * {@link DynamicBeanFactory} that generates the beans of every
 * {@link io.dynamicbean.DynamicGenerator} bean, and the {@link DynamicBeanRecover} that retries
 * failed ones.
 *
 * <p>Recovery runs on a scheduler of its own, never on the application's {@code TaskScheduler}
 * (the one Spring Boot creates for {@code @Scheduled} jobs has one thread); its size and the
 * jitter of retry delays are set with {@code dynamic-bean.recovery.*}.
 *
 * <p>Each bean backs off when the application defines one of its type, so that an application
 * that also uses {@link io.dynamicbean.EnableDynamicBeans @EnableDynamicBeans} ends up with one
 * factory and one recover. Turned off with {@code dynamic-bean.enabled=false}.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(prefix = "dynamic-bean", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(DynamicBeanProperties.class)
public final class DynamicBeanAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(DynamicBeanFactory.class)
	DefaultDynamicBeanFactory dynamicBeanFactory(ObjectProvider<DynamicBeanListener> listeners,
			DynamicBeanProperties properties) {
		DefaultDynamicBeanFactory factory = new DefaultDynamicBeanFactory(listeners);
		factory.setRetryJitter(properties.getRecovery().getJitter());
		return factory;
	}

	@Bean
	@ConditionalOnMissingBean
	DynamicBeanRecover dynamicBeanRecover(DynamicBeanFactory dynamicBeanFactory, DynamicBeanProperties properties) {
		return new DynamicBeanRecover(dynamicBeanFactory, properties.getRecovery().getThreads());
	}

}
