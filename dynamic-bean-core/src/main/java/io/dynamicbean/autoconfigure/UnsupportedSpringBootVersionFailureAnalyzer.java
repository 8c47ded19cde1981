/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link UnsupportedSpringBootVersionException} in Spring Boot's start-up failure
 * report: the version found, the supported line, and how to move to it.
 */
public class UnsupportedSpringBootVersionFailureAnalyzer
		extends AbstractFailureAnalyzer<UnsupportedSpringBootVersionException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnsupportedSpringBootVersionException cause) {
		return new FailureAnalysis(
				"dynamic-bean supports Spring Boot " + SpringBootVersionCheck.SUPPORTED_LINE
						+ ", but the application runs Spring Boot " + cause.getBootVersion() + ".",
				"Move the application to Spring Boot " + SpringBootVersionCheck.SUPPORTED_LINE
						+ ": import org.springframework.boot:spring-boot-dependencies " + SpringBootVersionCheck.SUPPORTED_LINE
						+ " beside io.dynamicbean:dynamic-bean-bom (or inherit spring-boot-starter-parent "
						+ SpringBootVersionCheck.SUPPORTED_LINE + "), or stay on a dynamic-bean release made for "
						+ "your Spring Boot line.",
				cause);
	}

}
