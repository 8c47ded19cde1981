/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.dynamicbean.TestGenerators.Alpha;
import io.dynamicbean.TestGenerators.AlphaGenerator;
import io.dynamicbean.TestGenerators.Beta;
import io.dynamicbean.TestGenerators.BetaGenerator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Direct-only generators and {@link DynamicBeanFactory#generateBean(Class)}.
 */
class DynamicBeanDirectGenerationTests {

	@BeforeEach
	void reset() {
		TestGenerators.reset();
	}

	@Test
	void directOnlyGeneratorIsNotGeneratedAtStartup() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
				DirectOnlyChainConfiguration.class)) {
			DynamicBeanFactory factory = context.getBean(DynamicBeanFactory.class);
			assertThat(factory.getStatus("beta").state()).isEqualTo(DynamicBeanState.DIRECT_ONLY);
			assertThat(factory.getStatus("alpha").state()).isEqualTo(DynamicBeanState.DIRECT_ONLY);
			assertThat(TestGenerators.generated).isEmpty();
		}
	}

	@Test
	void directOnlyGeneratorAndItsDependencyAreGeneratedOnDemand() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
				DirectOnlyChainConfiguration.class)) {
			DynamicBeanFactory factory = context.getBean(DynamicBeanFactory.class);
			Beta beta = factory.generateBean(Beta.class);
			assertThat(TestGenerators.generated).containsExactly("alpha", "beta");
			assertThat(beta.parts).containsExactly(context.getBean(Alpha.class));
			assertThat(factory.getStatus("alpha").state()).isEqualTo(DynamicBeanState.ACTIVE);
			assertThat(factory.getStatus("beta").state()).isEqualTo(DynamicBeanState.ACTIVE);
		}
	}

	@Test
	void startupGeneratesADirectOnlyBeanThatARegularGeneratorNeeds() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
				DirectOnlyDependencyConfiguration.class)) {
			DynamicBeanFactory factory = context.getBean(DynamicBeanFactory.class);
			assertThat(TestGenerators.generated).containsExactly("alpha", "beta");
			assertThat(factory.getStatus("alpha").state()).isEqualTo(DynamicBeanState.ACTIVE);
		}
	}

	@Test
	void sameCallAgainReturnsTheRegisteredInstance() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
				DirectOnlyChainConfiguration.class)) {
			DynamicBeanFactory factory = context.getBean(DynamicBeanFactory.class);
			Beta first = factory.generateBean(Beta.class);
			assertThat(factory.generateBean(Beta.class)).isSameAs(first).isSameAs(context.getBean("beta"));
			assertThat(TestGenerators.generated).containsExactly("alpha", "beta");
		}
	}

	@Test
	void failedGenerationThrowsWithTheCause() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
				FailingDependencyConfiguration.class)) {
			DynamicBeanFactory factory = context.getBean(DynamicBeanFactory.class);
			assertThatExceptionOfType(DynamicBeanDependencyException.class)
				.isThrownBy(() -> factory.generateBean(Beta.class))
				.withMessage("Dynamic bean 'beta' is waiting for dynamic bean 'alpha'")
				.withRootCauseInstanceOf(java.io.IOException.class)
				.satisfies((ex) -> assertThat(ex.getDependencyName()).isEqualTo("alpha"));
			assertThat(factory.getStatus("alpha").state()).isEqualTo(DynamicBeanState.FAILED);
			assertThat(factory.getStatus("beta").state()).isEqualTo(DynamicBeanState.WAITING);
		}
	}

	@Test
	void unknownTypeIsRefusedWithAClearMessage() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
				DirectOnlyChainConfiguration.class)) {
			assertThatExceptionOfType(NoSuchDynamicGeneratorException.class)
				.isThrownBy(() -> context.getBean(DynamicBeanFactory.class).generateBean(String.class))
				.withMessage("No generator produces a dynamic bean of type java.lang.String; declare a "
						+ "DynamicGenerator bean for it");
		}
	}

	@Test
	void fiftyThreadsAskingAtOnceCauseOneGenerateCall() throws Exception {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
				SlowConfiguration.class)) {
			DynamicBeanFactory factory = context.getBean(DynamicBeanFactory.class);
			SlowAlphaGenerator generator = context.getBean(SlowAlphaGenerator.class);
			ExecutorService executor = Executors.newFixedThreadPool(50);
			try {
				List<Future<Alpha>> results = new ArrayList<>();
				for (int i = 0; i < 50; i++) {
					results.add(executor.submit(() -> {
						generator.callers.countDown();
						return factory.generateBean(Alpha.class);
					}));
				}
				List<Alpha> beans = new ArrayList<>();
				for (Future<Alpha> result : results) {
					beans.add(result.get(10, TimeUnit.SECONDS));
				}
				assertThat(generator.calls.get()).as("generate() calls").isEqualTo(1);
				assertThat(beans).as("every caller gets the registered bean")
					.allSatisfy((bean) -> assertThat(bean).isSameAs(context.getBean("alpha")));
			}
			finally {
				executor.shutdownNow();
			}
		}
	}

	static class SlowAlphaGenerator extends AlphaGenerator {

		@Override
		public boolean isOnlyDirectGenerate() {
			return true;
		}

		final CountDownLatch callers = new CountDownLatch(50);

		@Override
		Alpha create() {
			try {
				// Generation finishes only once all 50 callers are on their way in.
				assertThat(this.callers.await(10, TimeUnit.SECONDS)).isTrue();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return super.create();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableDynamicBeans
	static class SlowConfiguration {

		@Bean
		SlowAlphaGenerator slowAlphaGenerator() {
			return new SlowAlphaGenerator();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableDynamicBeans
	static class DirectOnlyChainConfiguration {

		@Bean
		AlphaGenerator alphaGenerator() {
			return (AlphaGenerator) new AlphaGenerator().directOnly();
		}

		@Bean
		BetaGenerator betaGenerator() {
			return (BetaGenerator) new BetaGenerator().directOnly();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableDynamicBeans
	static class DirectOnlyDependencyConfiguration {

		@Bean
		AlphaGenerator alphaGenerator() {
			return (AlphaGenerator) new AlphaGenerator().directOnly();
		}

		@Bean
		BetaGenerator betaGenerator() {
			return new BetaGenerator();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableDynamicBeans
	static class FailingDependencyConfiguration {

		@Bean
		AlphaGenerator alphaGenerator() {
			return (AlphaGenerator) new AlphaGenerator().failing(10);
		}

		@Bean
		BetaGenerator betaGenerator() {
			return (BetaGenerator) new BetaGenerator().directOnly();
		}

	}

}
