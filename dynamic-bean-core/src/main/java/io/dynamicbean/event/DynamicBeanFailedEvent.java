/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.event;

import io.dynamicbean.DynamicBeanFactory;
import io.dynamicbean.DynamicBeanStatus;

/**
 * A dynamic bean could not be generated: its generator failed, or one of its dependencies is missing. The status gives the cause and the next retry.
 */
public class DynamicBeanFailedEvent extends DynamicBeanEvent {

	/**
	 * Create an event.
	 * @param factory the factory that made the transition
	 * @param status the status of the bean after the transition
	 */
	public DynamicBeanFailedEvent(DynamicBeanFactory factory, DynamicBeanStatus status) {
		super(factory, status);
	}

}
