/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.autoconfigure;

import io.dynamicbean.DynamicBeanException;

/**
 * Thrown at start-up when the application runs a Spring Boot line that dynamic-bean does not
 * support: its auto-configuration would otherwise be skipped in part, silently.
 */
public class UnsupportedSpringBootVersionException extends DynamicBeanException {

	private final String bootVersion;

	/**
	 * Create an exception for the given Spring Boot version.
	 * @param bootVersion the version the application runs
	 */
	public UnsupportedSpringBootVersionException(String bootVersion) {
		super("dynamic-bean supports Spring Boot " + SpringBootVersionCheck.SUPPORTED_LINE
				+ ", but this application runs Spring Boot " + bootVersion + "; import spring-boot-dependencies "
				+ SpringBootVersionCheck.SUPPORTED_LINE + " (or use spring-boot-starter-parent "
				+ SpringBootVersionCheck.SUPPORTED_LINE + ") beside dynamic-bean-bom");
		this.bootVersion = bootVersion;
	}

	/**
	 * Return the Spring Boot version the application runs.
	 * @return the version, as {@code SpringBootVersion.getVersion()} reports it
	 */
	public String getBootVersion() {
		return this.bootVersion;
	}

}
