/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached;

import java.time.Duration;
import java.util.List;

import io.dynamicbean.DynamicBeanFactory;
import io.dynamicbean.DynamicBeanState;
import io.dynamicbean.DynamicBeanStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

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
 * Tests for {@link MemcachedFailureMonitor}.
 */
class MemcachedFailureMonitorTests {

	private final DynamicBeanFactory factory = mock(DynamicBeanFactory.class);

	private MemcachedFailureMonitor monitor;

	@BeforeEach
	void createMonitor() {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("dynamicBeanFactory", this.factory);
		this.monitor = new MemcachedFailureMonitor(beans.getBeanProvider(DynamicBeanFactory.class));
		this.monitor.setExecutor(Runnable::run);
		given(this.factory.invalidate(eq("memcachedClient"), any())).willReturn(true);
	}

	@Test
	void invalidatesTheClientOnceAfterThreeConsecutiveFailures() {
		fail(2);
		then(this.factory).should(never()).invalidate(any(), any());
		fail(5);
		ArgumentCaptor<Throwable> cause = ArgumentCaptor.forClass(Throwable.class);
		then(this.factory).should(times(1)).invalidate(eq("memcachedClient"), cause.capture());
		assertThat(cause.getValue()).hasMessageStartingWith("Memcached failed 3 consecutive operations")
			.hasMessageContaining("get of 'key' timed out");
	}

	@Test
	void startsCountingAgainAfterASuccess() {
		fail(2);
		this.monitor.onSuccess();
		fail(2);
		then(this.factory).should(never()).invalidate(any(), any());
		assertThat(this.monitor.getConsecutiveFailures()).isEqualTo(2);
	}

	@Test
	void ignoresOperationsThatFailedFast() {
		for (int i = 0; i < 10; i++) {
			this.monitor.onFailure(new MemcachedUnavailableException("not attempted", null, true));
		}
		then(this.factory).should(never()).invalidate(any(), any());
	}

	@Test
	void invalidatesAgainOnlyAfterTheClientIsRegisteredAgain() {
		fail(3);
		this.monitor.onRegistered(status("memcachedSessionRepository"));
		fail(3);
		then(this.factory).should(times(1)).invalidate(any(), any());
		this.monitor.onRegistered(status("memcachedClient"));
		fail(3);
		then(this.factory).should(times(2)).invalidate(any(), any());
	}

	@Test
	void honoursTheConfiguredThreshold() {
		this.monitor.setFailureThreshold(1);
		fail(1);
		then(this.factory).should().invalidate(eq("memcachedClient"), any());
	}

	private void fail(int times) {
		for (int i = 0; i < times; i++) {
			this.monitor.onFailure(new MemcachedUnavailableException("Memcached get of 'key' timed out after 200 ms", null));
		}
	}

	private static DynamicBeanStatus status(String beanName) {
		return new DynamicBeanStatus(beanName, Object.class, beanName + "Generator", DynamicBeanState.ACTIVE, 1, 0, null,
				null, null, null, Duration.ofSeconds(30), List.of());
	}

}
