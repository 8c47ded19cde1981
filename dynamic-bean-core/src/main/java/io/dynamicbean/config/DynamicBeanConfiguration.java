/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.config;

import io.dynamicbean.DynamicBeanFactory;
import io.dynamicbean.DynamicBeanListener;
import io.dynamicbean.DynamicBeanRecover;
import io.dynamicbean.EnableDynamicBeans;
import io.dynamicbean.support.DefaultDynamicBeanFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the {@link DynamicBeanFactory} and the {@link DynamicBeanRecover}; imported by
 * {@link EnableDynamicBeans}.
 */
@Configuration(proxyBeanMethods = false)
public class DynamicBeanConfiguration {

	/**
	 * The factory that generates, registers and tracks every dynamic bean.
	 * @param listeners the listeners to call on each transition
	 * @return the factory
	 */
	@Bean
	public DefaultDynamicBeanFactory dynamicBeanFactory(ObjectProvider<DynamicBeanListener> listeners) {
		return new DefaultDynamicBeanFactory(listeners);
	}

	/**
	 * The scheduler of retries, on threads of its own (never the application's scheduler).
	 * @param dynamicBeanFactory the factory to recover beans through
	 * @return the recover
	 */
	@Bean
	public DynamicBeanRecover dynamicBeanRecover(DynamicBeanFactory dynamicBeanFactory) {
		return new DynamicBeanRecover(dynamicBeanFactory);
	}

}
