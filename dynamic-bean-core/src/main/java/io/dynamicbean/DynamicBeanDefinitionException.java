/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean;

/**
 * A generator is declared wrongly: a programming error, reported at start-up, that fails the
 * application context rather than being retried. Examples: a negative delay, a bean type that
 * cannot be resolved, or a bean name that is already taken.
 */
public class DynamicBeanDefinitionException extends DynamicBeanException {

	/**
	 * Create an exception with a message.
	 * @param message what is wrong and how to fix it
	 */
	public DynamicBeanDefinitionException(String message) {
		super(message);
	}

}
