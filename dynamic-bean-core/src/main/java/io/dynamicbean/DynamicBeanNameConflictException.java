/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean;

/**
 * Two generators produce a bean of the same name, or a generator's bean name is already taken by
 * an ordinary bean of the application context.
 */
public class DynamicBeanNameConflictException extends DynamicBeanDefinitionException {

	/**
	 * Create an exception with a message.
	 * @param message which generators or beans clash and how to rename them
	 */
	public DynamicBeanNameConflictException(String message) {
		super(message);
	}

}
