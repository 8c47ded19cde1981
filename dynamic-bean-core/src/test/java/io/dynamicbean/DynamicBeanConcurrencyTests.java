/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.dynamicbean.TestGenerators.AlphaGenerator;
import io.dynamicbean.TestGenerators.Beta;
import io.dynamicbean.TestGenerators.BetaGenerator;
import io.dynamicbean.TestGenerators.Gamma;
import io.dynamicbean.TestGenerators.GammaGenerator;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recovery, direct generation and invalidation racing from many threads.
 */
class DynamicBeanConcurrencyTests {

	@Test
	void racingGenerationRecoveryAndInvalidationNeverDeadlocksOrDoubleRegisters() throws Exception {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
				ChainConfiguration.class)) {
			DynamicBeanFactory factory = context.getBean(DynamicBeanFactory.class);
			Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
			ExecutorService executor = Executors.newFixedThreadPool(8);
			try {
				List<Future<?>> workers = new ArrayList<>();
				for (int i = 0; i < 8; i++) {
					workers.add(executor.submit(() -> race(factory, unexpected)));
				}
				for (Future<?> worker : workers) {
					worker.get(30, TimeUnit.SECONDS);
				}
			}
			finally {
				executor.shutdownNow();
			}
			assertThat(unexpected).as("exceptions other than an outage report").isEmpty();
			assertThat(factory.recover()).extracting(DynamicBeanStatus::state).containsOnly(DynamicBeanState.ACTIVE);
			Gamma gamma = context.getBean(Gamma.class);
			assertThat(gamma.parts).as("gamma built on the registered beta").containsExactly(context.getBean(Beta.class));
			assertThat(context.getBean(Beta.class).closed).isFalse();
		}
	}

	private static void race(DynamicBeanFactory factory, Queue<Throwable> unexpected) {
		for (int i = 0; i < 300; i++) {
			try {
				switch (ThreadLocalRandom.current().nextInt(4)) {
					case 0 -> factory.generateBean(Gamma.class);
					case 1 -> factory.invalidate(ThreadLocalRandom.current().nextBoolean() ? "alpha" : "beta",
							new IOException("simulated outage"));
					case 2 -> factory.recover();
					default -> factory.recover("gamma");
				}
			}
			catch (DynamicBeanGenerationException ex) {
				// An outage report: the bean was invalidated by another thread meanwhile.
			}
			catch (Throwable ex) {
				unexpected.add(ex);
			}
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableDynamicBeans
	static class ChainConfiguration {

		@Bean
		AlphaGenerator alphaGenerator() {
			return (AlphaGenerator) new AlphaGenerator().delay(1);
		}

		@Bean
		BetaGenerator betaGenerator() {
			return (BetaGenerator) new BetaGenerator().delay(1);
		}

		@Bean
		GammaGenerator gammaGenerator() {
			return new GammaGenerator();
		}

	}

}
