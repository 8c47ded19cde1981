/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean;

import java.util.List;

import io.dynamicbean.TestGenerators.Alpha;
import io.dynamicbean.TestGenerators.AlphaGenerator;
import io.dynamicbean.TestGenerators.Beta;
import io.dynamicbean.TestGenerators.BetaGenerator;
import io.dynamicbean.TestGenerators.Delta;
import io.dynamicbean.TestGenerators.DeltaGenerator;
import io.dynamicbean.TestGenerators.Gamma;
import io.dynamicbean.TestGenerators.GammaGenerator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContextException;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Start-up generation: dependency order, registration, and failures that never stop the start.
 */
@ExtendWith(OutputCaptureExtension.class)
class DynamicBeanStartupTests {

	@BeforeEach
	void reset() {
		TestGenerators.reset();
	}

	@Test
	void generatesFourLevelChainInDependencyOrder() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
				ChainConfiguration.class)) {
			assertThat(TestGenerators.generated).as("generation order")
				.containsExactly("alpha", "beta", "gamma", "delta");
			Delta delta = context.getBean("delta", Delta.class);
			assertThat(delta.parts.get(0)).as("delta built from the registered gamma")
				.isSameAs(context.getBean("gamma"));
			assertThat(context.getBean(Gamma.class).parts.get(0)).isSameAs(context.getBean(Beta.class));
			assertThat(context.getBean(Beta.class).parts.get(0)).isSameAs(context.getBean(Alpha.class));
			assertThat(context.isSingleton("delta")).isTrue();
		}
	}

	@Test
	void statusesListDependenciesBeforeDependents() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
				ChainConfiguration.class)) {
			DynamicBeanFactory factory = context.getBean(DynamicBeanFactory.class);
			assertThat(factory.getStatuses()).extracting(DynamicBeanStatus::beanName)
				.containsExactly("alpha", "beta", "gamma", "delta");
			assertThat(factory.getStatuses()).allSatisfy((status) -> {
				assertThat(status.state()).isEqualTo(DynamicBeanState.ACTIVE);
				assertThat(status.attempts()).isEqualTo(1);
				assertThat(status.activeSince()).isNotNull();
			});
			assertThat(factory.getStatus("delta").dependencies()).containsExactly("gamma");
		}
	}

	@Test
	void startsWhenGeneratorFailsAndDependentsWait(CapturedOutput output) {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
				FailingRootConfiguration.class)) {
			DynamicBeanFactory factory = context.getBean(DynamicBeanFactory.class);
			assertThat(context.containsBean("alpha")).isFalse();
			assertThat(factory.getStatus("alpha").state()).isEqualTo(DynamicBeanState.FAILED);
			assertThat(factory.getStatus("alpha").lastFailure()).hasMessage("Connection refused by alpha");
			assertThat(factory.getStatus("beta").state()).isEqualTo(DynamicBeanState.WAITING);
			assertThat(factory.getStatus("gamma").state()).isEqualTo(DynamicBeanState.WAITING);
			assertThat(factory.getStatus("beta").attempts()).as("dependents are not attempted").isZero();
			assertThat(TestGenerators.generated).containsExactly("alpha");
		}
	}

	@Test
	void beanWaitingThroughAChainCarriesTheRootFailureOnly() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
				FailingRootConfiguration.class)) {
			DynamicBeanStatus gamma = context.getBean(DynamicBeanFactory.class).getStatus("gamma");
			assertThat(gamma.lastFailureDescription()).isEqualTo("io.dynamicbean.DynamicBeanDependencyException: "
					+ "Dynamic bean 'gamma' is waiting for dynamic bean 'beta'; caused by java.io.IOException: "
					+ "Connection refused by alpha");
		}
	}

	@Test
	void logsOneWarningNamingEachMissingBeanItsCauseAndItsRetry(CapturedOutput output) {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
				FailingRootConfiguration.class)) {
			List<String> warnings = output.getAll().lines().filter((line) -> line.contains("WARN")).toList();
			assertThat(warnings).singleElement()
				.asString()
				.contains("Application started without 3 of 3 dynamic beans")
				.containsPattern("'alpha' failed \\(java.io.IOException: Connection refused by alpha\\), retried in 3[0-3] s")
				.containsPattern("'beta' waiting for 'alpha', retried with 'alpha' in 3[0-3] s")
				.containsPattern("'gamma' waiting for 'beta', retried with 'alpha' in 3[0-3] s");
		}
	}

	@Test
	void contextThatFailsToStartDoesNotClaimToHaveStarted(CapturedOutput output) {
		assertThatExceptionOfType(ApplicationContextException.class)
			.isThrownBy(() -> new AnnotationConfigApplicationContext(FailingRootConfiguration.class,
					PortInUseConfiguration.class))
			.withStackTraceContaining("Port 8080 is already in use");
		assertThat(output.getAll()).as("log of a context whose refresh failed")
			.doesNotContain("Application started without")
			.doesNotContain("dynamic beans generated at start-up are active");
	}

	@Test
	void logsFailedRetriesOfAnOutageAlreadyReportedAtInfo(CapturedOutput output) {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
				FailingRootConfiguration.class)) {
			context.getBean(AlphaGenerator.class).failing(1);
			context.getBean(DynamicBeanFactory.class).recover("alpha");
			List<String> lines = output.getAll().lines().toList();
			assertThat(lines).filteredOn((line) -> line.contains("WARN")).hasSize(1);
			assertThat(lines).anySatisfy((line) -> assertThat(line).contains("INFO")
				.contains("Failed to generate dynamic bean 'alpha' (generator 'alphaGenerator') (attempt 2): "
						+ "java.io.IOException: Connection refused by alpha; retrying in 3"));
		}
	}

	@Test
	void logsTheFirstFailureAfterStartupAtWarnWithItsStackTrace(CapturedOutput output) {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
				FailingDirectOnlyConfiguration.class)) {
			DynamicBeanFactory factory = context.getBean(DynamicBeanFactory.class);
			assertThatExceptionOfType(DynamicBeanGenerationException.class)
				.isThrownBy(() -> factory.generateBean(Alpha.class));
			List<String> lines = output.getAll().lines().toList();
			assertThat(lines).filteredOn((line) -> line.contains("WARN")).singleElement()
				.asString().contains("Failed to generate dynamic bean 'alpha'");
			assertThat(lines).as("stack trace of the failure")
				.anySatisfy((line) -> assertThat(line).startsWith("java.io.IOException: Connection refused by alpha"));
		}
	}

	@Test
	void treatsNullResultAsFailure() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
				NullConfiguration.class)) {
			DynamicBeanStatus status = context.getBean(DynamicBeanFactory.class).getStatus("alpha");
			assertThat(status.state()).isEqualTo(DynamicBeanState.FAILED);
			assertThat(status.lastFailure()).isInstanceOf(DynamicBeanGenerationException.class)
				.hasMessageContaining("returned null for dynamic bean 'alpha'");
		}
	}

	@Test
	void discoversGeneratorsDeclaredWithBeanMethodsAndInjectsThemAsUsual() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
				InjectedConfiguration.class)) {
			assertThat(context.getBean("greeting", Greeting.class).text()).isEqualTo("hello from settings");
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableDynamicBeans
	static class ChainConfiguration {

		@Bean
		DeltaGenerator deltaGenerator() {
			return new DeltaGenerator();
		}

		@Bean
		BetaGenerator betaGenerator() {
			return new BetaGenerator();
		}

		@Bean
		GammaGenerator gammaGenerator() {
			return new GammaGenerator();
		}

		@Bean
		AlphaGenerator alphaGenerator() {
			return new AlphaGenerator();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableDynamicBeans
	static class FailingRootConfiguration {

		@Bean
		AlphaGenerator alphaGenerator() {
			return (AlphaGenerator) new AlphaGenerator().failing(1).delay(30);
		}

		@Bean
		BetaGenerator betaGenerator() {
			return (BetaGenerator) new BetaGenerator().delay(30);
		}

		@Bean
		GammaGenerator gammaGenerator() {
			return (GammaGenerator) new GammaGenerator().delay(30);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableDynamicBeans
	static class FailingDirectOnlyConfiguration {

		@Bean
		AlphaGenerator alphaGenerator() {
			return (AlphaGenerator) new AlphaGenerator().directOnly().failing(1);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableDynamicBeans
	static class NullConfiguration {

		@Bean
		DynamicGeneratorAdapter<Alpha> alphaGenerator() {
			return new DynamicGeneratorAdapter<>(Alpha.class) {
				@Override
				public Alpha generate() {
					return null;
				}
			};
		}

	}

	record Settings(String greeting) {
	}

	record Greeting(String text) {
	}

	static class GreetingGenerator extends DynamicGeneratorAdapter<Greeting> {

		private final Settings settings;

		GreetingGenerator(Settings settings) {
			this.settings = settings;
		}

		@Override
		public Greeting generate() {
			return new Greeting(this.settings.greeting());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableDynamicBeans
	static class InjectedConfiguration {

		@Bean
		Settings settings() {
			return new Settings("hello from settings");
		}

		@Bean
		GreetingGenerator greetingGenerator(Settings settings) {
			return new GreetingGenerator(settings);
		}

	}

	/**
	 * A web server that cannot bind its port: the refresh fails after the dynamic beans were
	 * generated, as a Spring Boot application does when its port is in use.
	 */
	@Configuration(proxyBeanMethods = false)
	static class PortInUseConfiguration {

		@Bean
		SmartLifecycle webServer() {
			return new SmartLifecycle() {

				@Override
				public void start() {
					throw new IllegalStateException("Port 8080 is already in use");
				}

				@Override
				public void stop() {
				}

				@Override
				public boolean isRunning() {
					return false;
				}

			};
		}

	}

}
