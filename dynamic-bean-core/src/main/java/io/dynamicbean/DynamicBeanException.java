/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean;

import org.jspecify.annotations.Nullable;

/**
 * Root of the exceptions thrown by dynamic-bean. Subclasses say which kind of failure happened;
 * every message names the generator or bean concerned and what to change.
 */
public class DynamicBeanException extends RuntimeException {

	/**
	 * Create an exception with a message.
	 * @param message what went wrong and how to fix it
	 */
	public DynamicBeanException(String message) {
		super(message);
	}

	/**
	 * Create an exception with a message and a cause.
	 * @param message what went wrong and how to fix it
	 * @param cause the underlying failure
	 */
	public DynamicBeanException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
