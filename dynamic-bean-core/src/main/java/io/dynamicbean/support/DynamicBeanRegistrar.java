/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.support;

import java.util.List;

import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;

/**
 * Registers generated objects in the bean factory as singleton bean definitions, so that they get
 * the lifecycle of a {@code @Bean}: Aware callbacks, bean post-processors ({@code @PostConstruct}
 * included), and destroy callbacks ({@code DisposableBean}, {@code @PreDestroy}, and an inferred
 * {@code close()} or {@code shutdown()} method) when removed or when the context closes.
 */
final class DynamicBeanRegistrar {

	private final DefaultListableBeanFactory beanFactory;

	DynamicBeanRegistrar(DefaultListableBeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	/**
	 * Register an object and initialize it as a bean.
	 * @param beanName the bean name
	 * @param instance the generated object
	 * @param dependencyNames the dynamic beans it was generated from, destroyed after it
	 * @return the initialized bean, possibly a proxy made by a post-processor
	 */
	Object register(String beanName, Object instance, List<String> dependencyNames) {
		this.beanFactory.registerBeanDefinition(beanName, definition(instance));
		dependencyNames.forEach((dependencyName) -> this.beanFactory.registerDependentBean(dependencyName, beanName));
		try {
			return this.beanFactory.getBean(beanName);
		}
		catch (RuntimeException ex) {
			remove(beanName);
			throw ex;
		}
	}

	@SuppressWarnings("unchecked")
	private static RootBeanDefinition definition(Object instance) {
		RootBeanDefinition definition = new RootBeanDefinition((Class<Object>) instance.getClass(), () -> instance);
		definition.setDestroyMethodName(AbstractBeanDefinition.INFER_METHOD);
		return definition;
	}

	/**
	 * Remove a bean, running its destroy callbacks. Does nothing if it is not registered.
	 * @param beanName the bean name
	 */
	void remove(String beanName) {
		if (this.beanFactory.containsBeanDefinition(beanName)) {
			this.beanFactory.removeBeanDefinition(beanName);
		}
	}

	Object getBean(String beanName) {
		return this.beanFactory.getBean(beanName);
	}

}
