/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.autoconfigure;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.util.Assert;

/**
 * Fails the start of a Spring Boot application that runs a Boot line dynamic-bean does not
 * support (anything but {@value #SUPPORTED_LINE}), with an
 * {@link UnsupportedSpringBootVersionException} that names the supported line, instead of
 * letting parts of the auto-configuration vanish silently. Registered in
 * {@code META-INF/spring.factories}, so it runs before any auto-configuration is read; it uses
 * only types that every Boot line has. An unknown version (a repackaged Boot) passes.
 */
public class SpringBootVersionCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

	/** The Spring Boot line dynamic-bean supports. */
	public static final String SUPPORTED_LINE = "4.x";

	private static final String SUPPORTED_MAJOR = "4";

	private final Supplier<@Nullable String> bootVersion;

	/**
	 * Create a check of the running Spring Boot version.
	 */
	public SpringBootVersionCheck() {
		this(SpringBootVersion::getVersion);
	}

	/**
	 * Create a check of the version the given supplier reports.
	 * @param bootVersion supplies the Spring Boot version, or {@code null} when unknown
	 */
	public SpringBootVersionCheck(Supplier<@Nullable String> bootVersion) {
		Assert.notNull(bootVersion, "bootVersion must not be null");
		this.bootVersion = bootVersion;
	}

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		check();
	}

	/**
	 * Check the Spring Boot version.
	 * @throws UnsupportedSpringBootVersionException if it is known and not of the supported line
	 */
	public void check() {
		String version = this.bootVersion.get();
		if (version != null && !version.startsWith(SUPPORTED_MAJOR + ".")) {
			throw new UnsupportedSpringBootVersionException(version);
		}
	}

}
