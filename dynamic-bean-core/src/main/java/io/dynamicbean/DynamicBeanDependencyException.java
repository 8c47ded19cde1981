/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean;

import org.jspecify.annotations.Nullable;

/**
 * A dynamic bean was not generated because a bean it needs through {@link DynamicAutowired} is
 * missing; it is {@link DynamicBeanState#WAITING} and is generated as soon as that bean is active.
 */
public class DynamicBeanDependencyException extends DynamicBeanGenerationException {

	private final String dependencyName;

	/**
	 * Create an exception for a bean waiting on a dependency.
	 * @param beanName the waiting bean
	 * @param dependencyName the missing dependency
	 * @param cause the dependency's own failure, if known
	 */
	public DynamicBeanDependencyException(String beanName, String dependencyName, @Nullable Throwable cause) {
		super(beanName, "Dynamic bean '" + beanName + "' is waiting for dynamic bean '" + dependencyName + "'",
				cause);
		this.dependencyName = dependencyName;
	}

	/**
	 * Return the name of the missing dependency.
	 * @return the dependency's bean name
	 */
	public String getDependencyName() {
		return this.dependencyName;
	}

}
