/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.ScheduledFuture;

import io.dynamicbean.TestGenerators.AlphaGenerator;
import io.dynamicbean.TestGenerators.BetaGenerator;
import io.dynamicbean.support.DefaultDynamicBeanFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.TaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

/**
 * Failed beans are retried on their generator's delay, dependencies first, and waiting dependents
 * follow as soon as what they wait for is active.
 */
class DynamicBeanRecoveryTests {

	static final Instant START = Instant.parse("2026-11-21T10:00:00Z");

	static final TaskScheduler scheduler = mock(TaskScheduler.class);

	/** What the factory's random source returns: 0 draws no jitter at all. */
	static volatile long jitterDraw;

	@BeforeEach
	void reset() {
		TestGenerators.reset();
		jitterDraw = 0;
		org.mockito.Mockito.reset(scheduler);
		given(scheduler.schedule(any(Runnable.class), any(Instant.class)))
			.willAnswer((invocation) -> mock(ScheduledFuture.class));
	}

	@Test
	void failedGeneratorRecoversOnAOneSecondDelayWithoutRestart() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
				OneSecondConfiguration.class)) {
			DynamicBeanFactory factory = context.getBean(DynamicBeanFactory.class);
			assertThat(factory.getStatus("alpha").state()).isEqualTo(DynamicBeanState.FAILED);
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(factory.getStatus("alpha").state()).isEqualTo(DynamicBeanState.ACTIVE));
			assertThat(context.containsBean("alpha")).isTrue();
			assertThat(factory.getStatus("alpha").attempts()).isEqualTo(2);
		}
	}

	@Test
	void waitingDependentIsGeneratedAsSoonAsItsDependencyRecovers() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
				OneSecondConfiguration.class)) {
			DynamicBeanFactory factory = context.getBean(DynamicBeanFactory.class);
			assertThat(factory.getStatus("beta").state()).isEqualTo(DynamicBeanState.WAITING);
			assertThat(factory.getStatus("beta").nextRetry()).as("beta has no retry of its own (delay 0)").isNull();
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(factory.getStatus("beta").state()).isEqualTo(DynamicBeanState.ACTIVE));
		}
	}

	@Test
	void sevenSecondDelayIsHonouredNotRoundedToThirty() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
				SevenSecondConfiguration.class)) {
			DynamicBeanFactory factory = context.getBean(DynamicBeanFactory.class);
			assertThat(factory.getStatus("alpha").nextRetry()).isEqualTo(START.plusSeconds(7));
			ArgumentCaptor<Runnable> retry = ArgumentCaptor.forClass(Runnable.class);
			then(scheduler).should().schedule(retry.capture(), org.mockito.ArgumentMatchers.eq(START.plusSeconds(7)));
			retry.getValue().run();
			assertThat(factory.getStatus("alpha").state()).isEqualTo(DynamicBeanState.ACTIVE);
		}
	}

	@Test
	void jitterAddsHalfOfItsBoundOnAMiddleDraw() {
		jitterDraw = Long.MIN_VALUE;
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
				SevenSecondConfiguration.class)) {
			assertThat(context.getBean(DynamicBeanFactory.class).getStatus("alpha").nextRetry())
				.as("7 s plus half of a tenth of 7 s (a draw of 0.5)")
				.isEqualTo(START.plusSeconds(7).plusMillis(350));
		}
	}

	@Test
	void jitterStaysUnderTenPercentOfTheDelayOnTheHighestDraw() {
		jitterDraw = -1;
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
				SevenSecondConfiguration.class)) {
			Instant nextRetry = context.getBean(DynamicBeanFactory.class).getStatus("alpha").nextRetry();
			assertThat(nextRetry).as("retry on the highest draw of the random source")
				.isAfter(START.plusSeconds(7).plusMillis(690))
				.isBefore(START.plusSeconds(7).plusMillis(700));
			then(scheduler).should().schedule(any(Runnable.class), org.mockito.ArgumentMatchers.eq(nextRetry));
		}
	}

	@Test
	void zeroDelayIsNeverRetriedAutomatically() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
				ZeroDelayConfiguration.class)) {
			DynamicBeanFactory factory = context.getBean(DynamicBeanFactory.class);
			assertThat(factory.getStatus("alpha").state()).isEqualTo(DynamicBeanState.FAILED);
			assertThat(factory.getStatus("alpha").nextRetry()).isNull();
			then(scheduler).should(never()).schedule(any(Runnable.class), any(Instant.class));
		}
	}

	@Test
	void waitingDependentOfANeverRetriedBeanRetriesItOnItsOwnDelay() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
				DependentDrivesConfiguration.class)) {
			DynamicBeanFactory factory = context.getBean(DynamicBeanFactory.class);
			assertThat(factory.getStatus("beta").state()).isEqualTo(DynamicBeanState.WAITING);
			assertThat(factory.getStatus("beta").nextRetry()).isEqualTo(START.plusSeconds(5));
			ArgumentCaptor<Runnable> retry = ArgumentCaptor.forClass(Runnable.class);
			then(scheduler).should().schedule(retry.capture(), org.mockito.ArgumentMatchers.eq(START.plusSeconds(5)));
			retry.getValue().run();
			assertThat(factory.getStatus("alpha").state()).as("dependency generated first").isEqualTo(DynamicBeanState.ACTIVE);
			assertThat(factory.getStatus("beta").state()).isEqualTo(DynamicBeanState.ACTIVE);
		}
	}

	@Test
	void manualRecoveryIgnoresTheDelay() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
				SevenSecondConfiguration.class)) {
			DynamicBeanFactory factory = context.getBean(DynamicBeanFactory.class);
			assertThat(factory.recover()).extracting(DynamicBeanStatus::state).containsOnly(DynamicBeanState.ACTIVE);
		}
	}

	@Test
	void recoveringAnUnknownBeanIsRefused() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
				SevenSecondConfiguration.class)) {
			assertThatExceptionOfType(NoSuchDynamicGeneratorException.class)
				.isThrownBy(() -> context.getBean(DynamicBeanFactory.class).recover("nope"))
				.withMessage("No generator produces a dynamic bean named 'nope'; known dynamic beans: alpha");
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableDynamicBeans
	static class OneSecondConfiguration {

		@Bean
		AlphaGenerator alphaGenerator() {
			return (AlphaGenerator) new AlphaGenerator().failing(1).delay(1);
		}

		@Bean
		BetaGenerator betaGenerator() {
			return new BetaGenerator();
		}

	}

	/** A factory on a fixed clock and a recorder scheduler: retry times are checked, not waited for. */
	@Configuration(proxyBeanMethods = false)
	static class RecordedTimeConfiguration {

		@Bean
		DefaultDynamicBeanFactory dynamicBeanFactory(ObjectProvider<DynamicBeanListener> listeners) {
			DefaultDynamicBeanFactory factory = new DefaultDynamicBeanFactory(listeners);
			factory.setClock(Clock.fixed(START, ZoneOffset.UTC));
			factory.setRandom(() -> jitterDraw);
			return factory;
		}

		@Bean
		DynamicBeanRecover dynamicBeanRecover(DynamicBeanFactory dynamicBeanFactory) {
			return new DynamicBeanRecover(dynamicBeanFactory, scheduler);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SevenSecondConfiguration extends RecordedTimeConfiguration {

		@Bean
		AlphaGenerator alphaGenerator() {
			return (AlphaGenerator) new AlphaGenerator().failing(1).delay(7);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ZeroDelayConfiguration extends RecordedTimeConfiguration {

		@Bean
		AlphaGenerator alphaGenerator() {
			return (AlphaGenerator) new AlphaGenerator().failing(1);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DependentDrivesConfiguration extends RecordedTimeConfiguration {

		@Bean
		AlphaGenerator alphaGenerator() {
			return (AlphaGenerator) new AlphaGenerator().failing(1);
		}

		@Bean
		BetaGenerator betaGenerator() {
			return (BetaGenerator) new BetaGenerator().delay(5);
		}

	}

}
