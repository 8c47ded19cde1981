/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session.support;

import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.DestructionAwareBeanPostProcessor;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.util.Assert;

/**
 * Switches a switchable front back to its local store when the bean of its active remote store
 * is destroyed: when the dynamic-bean core invalidates the remote store's dynamic bean (its
 * destroy callbacks run). The front then serves locally until a regenerated remote store is
 * switched in again. Does nothing once the context is closing.
 *
 * <p>Registered by the auto-configuration once for session repositories and once for security
 * context repositories.
 */
public final class SwitchToLocalOnDestroyPostProcessor
		implements DestructionAwareBeanPostProcessor, ApplicationListener<ContextClosedEvent> {

	private static final Log logger = LogFactory.getLog(SwitchToLocalOnDestroyPostProcessor.class);

	private final Class<?> remoteType;

	private final Consumer<Object> switchToLocalIfActive;

	private volatile boolean closing;

	/**
	 * Create a post-processor for beans of the given type.
	 * @param remoteType the type of remote store beans, such as {@code SessionRepository}
	 * @param switchToLocalIfActive called with each such bean about to be destroyed; switches the
	 * front to its local store if the bean is its active remote store
	 */
	public SwitchToLocalOnDestroyPostProcessor(Class<?> remoteType, Consumer<Object> switchToLocalIfActive) {
		Assert.notNull(remoteType, "remoteType must not be null");
		Assert.notNull(switchToLocalIfActive, "switchToLocalIfActive must not be null");
		this.remoteType = remoteType;
		this.switchToLocalIfActive = switchToLocalIfActive;
	}

	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		this.closing = true;
	}

	@Override
	public boolean requiresDestruction(Object bean) {
		return this.remoteType.isInstance(bean);
	}

	@Override
	public void postProcessBeforeDestruction(Object bean, String beanName) {
		if (this.closing || !this.remoteType.isInstance(bean)) {
			return;
		}
		try {
			this.switchToLocalIfActive.accept(bean);
		}
		catch (BeansException ex) {
			// The front itself is gone already
			if (logger.isDebugEnabled()) {
				logger.debug("Could not switch away from destroyed bean '" + beanName + "': " + ex);
			}
		}
	}

}
