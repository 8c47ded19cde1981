/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.event;

import io.dynamicbean.DynamicBeanFactory;
import io.dynamicbean.DynamicBeanStatus;

import org.springframework.context.ApplicationEvent;

/**
 * Base class of the application events published on each transition of a dynamic bean. The
 * source is the {@link DynamicBeanFactory}.
 */
public abstract class DynamicBeanEvent extends ApplicationEvent {

	private final DynamicBeanStatus status;

	/**
	 * Create an event.
	 * @param factory the factory that made the transition
	 * @param status the status of the bean after the transition
	 */
	protected DynamicBeanEvent(DynamicBeanFactory factory, DynamicBeanStatus status) {
		super(factory);
		this.status = status;
	}

	/**
	 * Return the status of the bean after the transition.
	 * @return the status
	 */
	public DynamicBeanStatus getStatus() {
		return this.status;
	}

	/**
	 * Return the name of the bean concerned.
	 * @return the bean name
	 */
	public String getBeanName() {
		return this.status.beanName();
	}

}
