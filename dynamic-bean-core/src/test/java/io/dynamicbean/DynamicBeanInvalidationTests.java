/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.dynamicbean.TestGenerators.Alpha;
import io.dynamicbean.TestGenerators.AlphaGenerator;
import io.dynamicbean.TestGenerators.Beta;
import io.dynamicbean.TestGenerators.BetaGenerator;
import io.dynamicbean.TestGenerators.Gamma;
import io.dynamicbean.TestGenerators.GammaGenerator;
import io.dynamicbean.event.DynamicBeanEvent;
import io.dynamicbean.event.DynamicBeanFailedEvent;
import io.dynamicbean.event.DynamicBeanInvalidatedEvent;
import io.dynamicbean.event.DynamicBeanRegisteredEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Taking an active bean back out at runtime, and the events and listener calls of every
 * transition.
 */
class DynamicBeanInvalidationTests {

	@BeforeEach
	void reset() {
		TestGenerators.reset();
	}

	@Test
	void invalidationRemovesTheBeanAndItsDependentsWithDestroyCallbacks() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
				ChainConfiguration.class)) {
			Alpha alpha = context.getBean(Alpha.class);
			Beta beta = context.getBean(Beta.class);
			Gamma gamma = context.getBean(Gamma.class);
			DynamicBeanFactory factory = context.getBean(DynamicBeanFactory.class);
			IOException cause = new IOException("backend died");
			assertThat(factory.invalidate("alpha", cause)).isTrue();
			assertThat(List.of(alpha.closed, beta.closed, gamma.closed)).as("closed alpha, beta, gamma")
				.containsOnly(true);
			assertThat(context.containsBean("alpha") || context.containsBean("beta") || context.containsBean("gamma"))
				.as("any of them still registered")
				.isFalse();
			assertThat(factory.getStatus("alpha").state()).isEqualTo(DynamicBeanState.FAILED);
			assertThat(factory.getStatus("alpha").lastFailure()).isSameAs(cause);
			assertThat(factory.getStatus("beta").state()).isEqualTo(DynamicBeanState.WAITING);
			assertThat(factory.getStatus("gamma").state()).isEqualTo(DynamicBeanState.WAITING);
		}
	}

	@Test
	void invalidatedBeansAreRecoveredOnTheirSchedule() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
				ChainConfiguration.class)) {
			Gamma before = context.getBean(Gamma.class);
			DynamicBeanFactory factory = context.getBean(DynamicBeanFactory.class);
			factory.invalidate("alpha", new IOException("backend died"));
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(factory.getStatuses()).extracting(DynamicBeanStatus::state)
					.containsOnly(DynamicBeanState.ACTIVE));
			Gamma after = context.getBean(Gamma.class);
			assertThat(after).isNotSameAs(before);
			assertThat(after.parts.get(0)).isSameAs(context.getBean(Beta.class));
		}
	}

	@Test
	void invalidatingABeanThatIsNotActiveDoesNothing() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
				ChainConfiguration.class)) {
			DynamicBeanFactory factory = context.getBean(DynamicBeanFactory.class);
			factory.invalidate("alpha", new IOException("first"));
			assertThat(factory.invalidate("alpha", new IOException("second"))).isFalse();
			assertThat(factory.getStatus("alpha").lastFailure()).hasMessage("first");
		}
	}

	@Test
	void everyTransitionIsPublishedAsAnEventAndToListeners() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
				EventsConfiguration.class)) {
			DynamicBeanFactory factory = context.getBean(DynamicBeanFactory.class);
			factory.invalidate("alpha", new IOException("backend died"));
			Recorder recorder = context.getBean(Recorder.class);
			assertThat(recorder.events).as("the invalidated bean first, then its dependents")
				.containsExactly("registered alpha", "registered beta", "invalidated alpha", "invalidated beta");
			assertThat(recorder.calls).containsExactly("attempt alpha ACTIVE", "registered alpha",
					"attempt beta ACTIVE", "registered beta", "invalidated alpha", "invalidated beta");
		}
	}

	@Test
	void failuresArePublished() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
				FailingEventsConfiguration.class)) {
			Recorder recorder = context.getBean(Recorder.class);
			assertThat(recorder.events).containsExactly("failed alpha", "failed beta");
			assertThat(recorder.calls).containsExactly("attempt alpha FAILED", "failed alpha", "failed beta");
		}
	}

	static class Recorder implements ApplicationListener<DynamicBeanEvent>, DynamicBeanListener {

		final List<String> events = new CopyOnWriteArrayList<>();

		final List<String> calls = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(DynamicBeanEvent event) {
			String kind = (event instanceof DynamicBeanRegisteredEvent) ? "registered"
					: (event instanceof DynamicBeanFailedEvent) ? "failed"
							: (event instanceof DynamicBeanInvalidatedEvent) ? "invalidated" : "?";
			this.events.add(kind + " " + event.getBeanName());
		}

		@Override
		public void onAttempt(DynamicBeanStatus status, Duration duration) {
			this.calls.add("attempt " + status.beanName() + " " + status.state());
		}

		@Override
		public void onRegistered(DynamicBeanStatus status) {
			this.calls.add("registered " + status.beanName());
		}

		@Override
		public void onFailed(DynamicBeanStatus status) {
			this.calls.add("failed " + status.beanName());
		}

		@Override
		public void onInvalidated(DynamicBeanStatus status) {
			this.calls.add("invalidated " + status.beanName());
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
			return (GammaGenerator) new GammaGenerator().delay(1);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableDynamicBeans
	static class EventsConfiguration {

		@Bean
		Recorder recorder() {
			return new Recorder();
		}

		@Bean
		AlphaGenerator alphaGenerator() {
			return new AlphaGenerator();
		}

		@Bean
		BetaGenerator betaGenerator() {
			return new BetaGenerator();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableDynamicBeans
	static class FailingEventsConfiguration {

		@Bean
		Recorder recorder() {
			return new Recorder();
		}

		@Bean
		AlphaGenerator alphaGenerator() {
			return (AlphaGenerator) new AlphaGenerator().failing(1);
		}

		@Bean
		BetaGenerator betaGenerator() {
			return new BetaGenerator();
		}

	}

}
