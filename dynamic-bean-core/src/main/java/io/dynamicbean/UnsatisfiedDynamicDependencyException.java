/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean;

/**
 * A {@link DynamicAutowired} field that no generator can satisfy.
 */
public class UnsatisfiedDynamicDependencyException extends DynamicBeanDefinitionException {

	/**
	 * Create an exception with a message.
	 * @param message the generator and field concerned, and what to add
	 */
	public UnsatisfiedDynamicDependencyException(String message) {
		super(message);
	}

}
