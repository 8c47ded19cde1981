/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.web;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the example's pages, under {@code example}.
 */
@ConfigurationProperties("example")
public class ExampleProperties {

	/**
	 * Id of this instance, shown by /session and the home page. Defaults to the host name and the
	 * HTTP port.
	 */
	private @Nullable String instanceId;

	public @Nullable String getInstanceId() {
		return this.instanceId;
	}

	/**
	 * Set the id of this instance.
	 * @param instanceId the id, or {@code null} or empty (the default) for the host name and port
	 */
	public void setInstanceId(@Nullable String instanceId) {
		this.instanceId = instanceId;
	}

}
