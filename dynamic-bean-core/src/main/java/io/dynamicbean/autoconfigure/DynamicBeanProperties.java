/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of dynamic beans, under {@code dynamic-bean}.
 *
 * <p>Retry delays belong to each generator ({@code getDelaySeconds()}), not to these
 * properties. The actuator parts are switched with Spring Boot's own properties:
 * {@code management.endpoint.dynamicbeans.access}, {@code management.health.dynamicbeans.enabled}
 * and the {@code management.metrics.enable.dynamic} meter filter.
 */
@ConfigurationProperties("dynamic-bean")
public class DynamicBeanProperties {

	/**
	 * Whether to turn dynamic beans on: generate the beans of every DynamicGenerator at start-up
	 * and retry the failed ones. An explicit @EnableDynamicBeans turns them on whatever this says.
	 */
	private boolean enabled = true;

	/**
	 * Return whether dynamic beans are turned on.
	 * @return {@code true} (the default) to turn them on
	 */
	public boolean isEnabled() {
		return this.enabled;
	}

	/**
	 * Set whether dynamic beans are turned on.
	 * @param enabled {@code false} to turn the auto-configuration off; {@code true} by default
	 */
	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

}
