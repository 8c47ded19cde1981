/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean;

/**
 * A bean was asked for by type or name and no single generator produces it.
 */
public class NoSuchDynamicGeneratorException extends DynamicBeanException {

	/**
	 * Create an exception with a message.
	 * @param message what was asked for and what exists
	 */
	public NoSuchDynamicGeneratorException(String message) {
		super(message);
	}

}
