/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.event;

import io.dynamicbean.DynamicBeanFactory;
import io.dynamicbean.DynamicBeanStatus;

/**
 * An active dynamic bean has been taken back out of the application context, on its own or as a dependent of an invalidated bean.
 */
public class DynamicBeanInvalidatedEvent extends DynamicBeanEvent {

	/**
	 * Create an event.
	 * @param factory the factory that made the transition
	 * @param status the status of the bean after the transition
	 */
	public DynamicBeanInvalidatedEvent(DynamicBeanFactory factory, DynamicBeanStatus status) {
		super(factory, status);
	}

}
