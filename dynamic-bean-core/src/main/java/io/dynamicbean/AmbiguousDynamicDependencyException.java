/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean;

/**
 * A {@link DynamicAutowired} field that more than one generator can satisfy.
 */
public class AmbiguousDynamicDependencyException extends DynamicBeanDefinitionException {

	/**
	 * Create an exception with a message.
	 * @param message the generator and field concerned, the candidates, and how to choose one
	 */
	public AmbiguousDynamicDependencyException(String message) {
		super(message);
	}

}
