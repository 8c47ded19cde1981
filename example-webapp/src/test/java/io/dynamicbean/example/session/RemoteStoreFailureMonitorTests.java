/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.session;

import io.dynamicbean.DynamicBeanFactory;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;
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

	private final RemoteStoreFailureMonitor monitor = new RemoteStoreFailureMonitor("redis", "redisSessionRepository",
			3, provider(this.factory), Runnable::run);

	@Test
	void invalidatesTheStoresBeanAfterThresholdConsecutiveFailures() {
		given(this.factory.invalidate(eq("redisSessionRepository"), any())).willReturn(true);
		this.monitor.onFailure("redis", new IllegalStateException("one"));
		this.monitor.onFailure("redis", new IllegalStateException("two"));
		then(this.factory).should(never()).invalidate(any(), any());
		this.monitor.onFailure("redis", new IllegalStateException("three"));
		ArgumentCaptor<Throwable> cause = ArgumentCaptor.forClass(Throwable.class);
		then(this.factory).should(times(1)).invalidate(eq("redisSessionRepository"), cause.capture());
		assertThat(cause.getValue()).hasMessageContaining("failed 3 times in a row").hasRootCauseMessage("three");
		assertThat(this.monitor.getConsecutiveFailures()).as("count after invalidation").isZero();
	}

	@Test
	void aSuccessResetsTheCount() {
		this.monitor.onFailure("redis", new IllegalStateException());
		this.monitor.onFailure("redis", new IllegalStateException());
		this.monitor.onSuccess("redis");
		this.monitor.onFailure("redis", new IllegalStateException());
		this.monitor.onFailure("redis", new IllegalStateException());
		then(this.factory).should(never()).invalidate(any(), any());
	}

	@Test
	void ignoresOtherStores() {
		for (int i = 0; i < 5; i++) {
			this.monitor.onFailure("memcached", new IllegalStateException());
		}
		then(this.factory).should(never()).invalidate(any(), any());
	}

	@Test
	void survivesAnInvalidationThatThrows() {
		given(this.factory.invalidate(any(), any())).willThrow(new IllegalStateException("closing"));
		for (int i = 0; i < 3; i++) {
			this.monitor.onFailure("redis", new IllegalStateException());
		}
		assertThat(this.monitor.getConsecutiveFailures()).isZero();
	}

	private static ObjectProvider<DynamicBeanFactory> provider(DynamicBeanFactory factory) {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("dynamicBeanFactory", factory);
		return beans.getBeanProvider(DynamicBeanFactory.class);
	}

}
