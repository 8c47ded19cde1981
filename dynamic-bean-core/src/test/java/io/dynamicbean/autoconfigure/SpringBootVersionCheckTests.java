/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link SpringBootVersionCheck} and {@link UnsupportedSpringBootVersionFailureAnalyzer}.
 */
@ExtendWith(OutputCaptureExtension.class)
class SpringBootVersionCheckTests {

	@Test
	void refusesSpringBoot3NamingTheSupportedLine() {
		assertThatExceptionOfType(UnsupportedSpringBootVersionException.class)
			.isThrownBy(() -> new SpringBootVersionCheck(() -> "3.5.7").check())
			.withMessage("dynamic-bean supports Spring Boot 4.x, but this application runs Spring Boot 3.5.7; "
					+ "import spring-boot-dependencies 4.x (or use spring-boot-starter-parent 4.x) beside dynamic-bean-bom");
	}

	@Test
	void refusesAFutureLine() {
		assertThatExceptionOfType(UnsupportedSpringBootVersionException.class)
			.isThrownBy(() -> new SpringBootVersionCheck(() -> "5.0.0").check());
	}

	@Test
	void acceptsTheSpringBootOfTheBuild() {
		assertThatNoException().isThrownBy(() -> new SpringBootVersionCheck().check());
	}

	@Test
	void acceptsAnUnknownVersion() {
		assertThatNoException().isThrownBy(() -> new SpringBootVersionCheck(() -> null).check());
	}

	@Test
	void isRegisteredAsAnApplicationListener() {
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation().load(ApplicationListener.class))
			.as("application listeners of META-INF/spring.factories")
			.anySatisfy((listener) -> assertThat(listener).isInstanceOf(SpringBootVersionCheck.class));
	}

	@Test
	void startOnAnUnsupportedLineFailsWithAnAnalysis(CapturedOutput output) {
		SpringApplication application = new SpringApplication(EmptyConfiguration.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.addListeners(new SpringBootVersionCheck(() -> "3.5.7"));
		assertThatExceptionOfType(UnsupportedSpringBootVersionException.class).isThrownBy(application::run);
		assertThat(output.getAll()).as("start-up failure report")
			.contains("APPLICATION FAILED TO START")
			.contains("dynamic-bean supports Spring Boot 4.x, but the application runs Spring Boot 3.5.7.")
			.contains("Move the application to Spring Boot 4.x");
	}

	@Configuration(proxyBeanMethods = false)
	static class EmptyConfiguration {

	}

}
