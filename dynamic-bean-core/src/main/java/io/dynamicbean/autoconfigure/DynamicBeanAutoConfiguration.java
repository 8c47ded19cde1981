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
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.TaskScheduler;

/**
 * Turns dynamic beans on in a Spring Boot application, with no annotation: registers the
 * {@link DynamicBeanFactory} that generates the beans of every
 * {@link io.dynamicbean.DynamicGenerator} bean, and the {@link DynamicBeanRecover} that retries
 * failed ones.
 *
 * <p>Recovery runs on the application's {@link TaskScheduler} when the context has exactly one
 * (for example the one Spring Boot creates for {@code @EnableScheduling}), and on a
 * single-threaded scheduler of its own otherwise.
 *
 * <p>Each bean backs off when the application defines one of its type, so that an application
 * that also uses {@link io.dynamicbean.EnableDynamicBeans @EnableDynamicBeans} ends up with one
 * factory and one recover. Turned off with {@code dynamic-bean.enabled=false}.
 */
@AutoConfiguration(after = TaskSchedulingAutoConfiguration.class)
@ConditionalOnBooleanProperty(prefix = "dynamic-bean", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(DynamicBeanProperties.class)
public final class DynamicBeanAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(DynamicBeanFactory.class)
	DefaultDynamicBeanFactory dynamicBeanFactory(ObjectProvider<DynamicBeanListener> listeners) {
		return new DefaultDynamicBeanFactory(listeners);
	}

	@Bean
	@ConditionalOnMissingBean
	DynamicBeanRecover dynamicBeanRecover(DynamicBeanFactory dynamicBeanFactory,
			ObjectProvider<TaskScheduler> taskScheduler) {
		return new DynamicBeanRecover(dynamicBeanFactory, taskScheduler.getIfUnique());
	}

}
