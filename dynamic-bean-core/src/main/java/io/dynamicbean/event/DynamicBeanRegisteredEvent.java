/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.event;

import io.dynamicbean.DynamicBeanFactory;
import io.dynamicbean.DynamicBeanStatus;

/**
 * A dynamic bean has been registered and its {@code execute()} hook has succeeded; it is now active.
 */
public class DynamicBeanRegisteredEvent extends DynamicBeanEvent {

	/**
	 * Create an event.
	 * @param factory the factory that made the transition
	 * @param status the status of the bean after the transition
	 */
	public DynamicBeanRegisteredEvent(DynamicBeanFactory factory, DynamicBeanStatus status) {
		super(factory, status);
	}

}
