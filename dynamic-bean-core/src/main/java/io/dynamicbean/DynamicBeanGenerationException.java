/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean;

import org.jspecify.annotations.Nullable;

/**
 * A dynamic bean could not be generated now: its generator's {@code generate()} or
 * {@code execute()} failed or returned {@code null}, or one of its dependencies is missing. This
 * is an outage, not a programming error; the bean is retried on its generator's schedule.
 */
public class DynamicBeanGenerationException extends DynamicBeanException {

	private final String beanName;

	/**
	 * Create an exception for a bean.
	 * @param beanName the bean that could not be generated
	 * @param message what failed
	 * @param cause the underlying failure, if any
	 */
	public DynamicBeanGenerationException(String beanName, String message, @Nullable Throwable cause) {
		super(message, cause);
		this.beanName = beanName;
	}

	/**
	 * Return the name of the bean that could not be generated.
	 * @return the bean name
	 */
	public String getBeanName() {
		return this.beanName;
	}

}
