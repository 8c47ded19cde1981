/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean;

import java.time.Duration;

import io.dynamicbean.TestGenerators.AlphaGenerator;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link EnableDynamicBeans} in a plain Spring context with nothing else configured.
 */
class EnableDynamicBeansTests {

	@Test
	void bringsItsOwnSchedulerWhenTheContextHasNone() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
				RetriedConfiguration.class)) {
			DynamicBeanFactory factory = context.getBean(DynamicBeanFactory.class);
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(factory.getStatus("alpha").state()).isEqualTo(DynamicBeanState.ACTIVE));
			assertThat(context.getBean(RetriedConfiguration.class).recoveredOn)
				.startsWith("dynamic-bean-recover-");
		}
	}

	@Test
	void ownSchedulerThreadEndsWithTheContext() {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(RetriedConfiguration.class);
		await().atMost(Duration.ofSeconds(5)).until(() -> schedulerThreads() > 0);
		context.close();
		await().atMost(Duration.ofSeconds(5)).until(() -> schedulerThreads() == 0);
	}

	@Test
	void neverRetriesOnTheContextsTaskScheduler() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
				RetriedConfiguration.class, SchedulerConfiguration.class)) {
			DynamicBeanFactory factory = context.getBean(DynamicBeanFactory.class);
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(factory.getStatus("alpha").state()).isEqualTo(DynamicBeanState.ACTIVE));
			assertThat(context.getBean(RetriedConfiguration.class).recoveredOn)
				.as("thread of the retry, with an application scheduler in the context")
				.startsWith("dynamic-bean-recover-");
		}
	}

	@Test
	void retriesStopWhenTheContextCloses() {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
				NeverRecoversConfiguration.class);
		DynamicBeanRecover recover = context.getBean(DynamicBeanRecover.class);
		assertThat(recover.getScheduledRetry("alpha")).isNotNull();
		context.close();
		assertThat(recover.getScheduledRetry("alpha")).isNull();
		assertThat(recover.isRunning()).isFalse();
	}

	private static long schedulerThreads() {
		return Thread.getAllStackTraces().keySet().stream()
			.filter((thread) -> thread.getName().startsWith("dynamic-bean-recover-"))
			.count();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableDynamicBeans
	static class RetriedConfiguration {

		volatile String recoveredOn;

		@Bean
		AlphaGenerator alphaGenerator() {
			AlphaGenerator generator = new AlphaGenerator() {
				@Override
				TestGenerators.Alpha create() {
					RetriedConfiguration.this.recoveredOn = Thread.currentThread().getName();
					return super.create();
				}
			};
			return (AlphaGenerator) generator.failing(1).delay(1);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableDynamicBeans
	static class NeverRecoversConfiguration {

		@Bean
		AlphaGenerator alphaGenerator() {
			return (AlphaGenerator) new AlphaGenerator().failing(Integer.MAX_VALUE).delay(60);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SchedulerConfiguration {

		@Bean
		ThreadPoolTaskScheduler appScheduler() {
			ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
			scheduler.setThreadNamePrefix("app-scheduler-");
			return scheduler;
		}

	}

}
