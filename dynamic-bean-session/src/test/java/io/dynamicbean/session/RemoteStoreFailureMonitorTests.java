/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.dynamicbean.DynamicBeanFactory;
import io.dynamicbean.DynamicBeanState;
import io.dynamicbean.DynamicBeanStatus;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;

/**
 * Tests for {@link RemoteStoreFailureMonitor}.
 */
class RemoteStoreFailureMonitorTests {

	private final DynamicBeanFactory factory = mock(DynamicBeanFactory.class);

	private final RemoteStoreFailureMonitor monitor = new RemoteStoreFailureMonitor(provider(this.factory));

	RemoteStoreFailureMonitorTests() {
		this.monitor.setExecutor(Runnable::run);
		this.monitor.watch("redis", "redisSessionRepository", 3);
	}

	@Test
	void invalidatesTheStoresBeanAfterThresholdConsecutiveFailures() {
		given(this.factory.invalidate(eq("redisSessionRepository"), any())).willReturn(true);
		this.monitor.onFailure("redis", new IllegalStateException("one"));
		this.monitor.onFailure("redis", new IllegalStateException("two"));
		then(this.factory).should(never()).invalidate(any(), any());
		this.monitor.onFailure("redis", new IllegalStateException("three"));
		ArgumentCaptor<Throwable> cause = ArgumentCaptor.forClass(Throwable.class);
		then(this.factory).should(times(1)).invalidate(eq("redisSessionRepository"), cause.capture());
		assertThat(cause.getValue()).hasMessageContaining("'redis' failed 3 consecutive calls")
			.hasRootCauseMessage("three");
	}

	@Test
	void invalidatesOnceUntilTheBeanIsRegisteredAgain() {
		given(this.factory.invalidate(eq("redisSessionRepository"), any())).willReturn(true);
		for (int i = 0; i < 10; i++) {
			this.monitor.onFailure("redis", new IllegalStateException());
		}
		then(this.factory).should(times(1)).invalidate(eq("redisSessionRepository"), any());
		this.monitor.onRegistered(status("redisSessionRepository"));
		assertThat(this.monitor.getConsecutiveFailures("redis")).as("count after the bean is back").isZero();
		for (int i = 0; i < 3; i++) {
			this.monitor.onFailure("redis", new IllegalStateException());
		}
		then(this.factory).should(times(2)).invalidate(eq("redisSessionRepository"), any());
	}

	@Test
	void aSuccessResetsTheCount() {
		this.monitor.onFailure("redis", new IllegalStateException());
		this.monitor.onFailure("redis", new IllegalStateException());
		this.monitor.onSuccess("redis");
		this.monitor.onFailure("redis", new IllegalStateException());
		this.monitor.onFailure("redis", new IllegalStateException());
		then(this.factory).should(never()).invalidate(any(), any());
		assertThat(this.monitor.getConsecutiveFailures("redis")).isEqualTo(2);
	}

	@Test
	void ignoresStoresItDoesNotWatch() {
		for (int i = 0; i < 5; i++) {
			this.monitor.onFailure("memcached", new IllegalStateException());
		}
		then(this.factory).should(never()).invalidate(any(), any());
		assertThat(this.monitor.isWatched("memcached")).isFalse();
	}

	@Test
	void triesAgainAfterAnInvalidationThatThrows() {
		given(this.factory.invalidate(any(), any())).willThrow(new IllegalStateException("closing"));
		for (int i = 0; i < 4; i++) {
			this.monitor.onFailure("redis", new IllegalStateException());
		}
		then(this.factory).should(times(2)).invalidate(eq("redisSessionRepository"), any());
	}

	@Test
	void watchesAGeneratorsStoreWithItsThreshold() {
		SessionStoreGeneratorAdapter<?> generator = new SessionStoreGeneratorAdapterTests.MapStoreGenerator(
				new SwitchableSessionRepository(new LocalSessionRepository()));
		generator.setFailureThreshold(1);
		this.monitor.watch(generator);
		this.monitor.onFailure(generator.getStoreName(), new IllegalStateException());
		then(this.factory).should().invalidate(eq(generator.getBeanName()), any());
	}

	@Test
	void countsOnlyTheExceptionsTheGeneratorTakesForFailuresOfItsStore() {
		SkippingGenerator generator = new SkippingGenerator();
		this.monitor.watch(generator);
		for (int i = 0; i < 10; i++) {
			this.monitor.onFailure("map", new IllegalStateException("not attempted"));
		}
		then(this.factory).should(never()).invalidate(any(), any());
		this.monitor.onFailure("map", new IllegalStateException("timed out"));
		this.monitor.onFailure("map", new IllegalStateException("timed out"));
		then(this.factory).should().invalidate(eq(generator.getBeanName()), any());
	}

	@Test
	void countsTheFailuresAGeneratorReportsWhileNoRequestCallsTheStore() {
		SkippingGenerator generator = new SkippingGenerator();
		this.monitor.watch(generator);
		generator.reportFailure(new IllegalStateException("probe timed out"));
		assertThat(this.monitor.getConsecutiveFailures("map")).isEqualTo(1);
		generator.reportFailure(new IllegalStateException("probe timed out"));
		then(this.factory).should().invalidate(eq(generator.getBeanName()), any());
	}

	@Test
	void refusesAThresholdBelowOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.monitor.watch("jdbc", "bean", 0))
			.withMessageContaining("failureThreshold of session store 'jdbc' must be at least 1");
	}

	/**
	 * Fails after two failures, and does not count the refusals "not attempted".
	 */
	private static final class SkippingGenerator extends SessionStoreGeneratorAdapterTests.MapStoreGenerator {

		SkippingGenerator() {
			super(new SwitchableSessionRepository(new LocalSessionRepository()));
			setFailureThreshold(2);
		}

		@Override
		public boolean isStoreFailure(RuntimeException ex) {
			return !"not attempted".equals(ex.getMessage());
		}

	}

	private static DynamicBeanStatus status(String beanName) {
		return new DynamicBeanStatus(beanName, Object.class, beanName + "Generator", DynamicBeanState.ACTIVE, 1, 0, null,
				null, Instant.now(), null, Duration.ofSeconds(30), List.of());
	}

	private static ObjectProvider<DynamicBeanFactory> provider(DynamicBeanFactory factory) {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("dynamicBeanFactory", factory);
		return beans.getBeanProvider(DynamicBeanFactory.class);
	}

}
