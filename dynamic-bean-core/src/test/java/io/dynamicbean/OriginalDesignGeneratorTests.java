/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A generator written for the original design, unchanged: it extends
 * {@link AbstractExecutableDynamicBeanGeneratorAdapter} and declares
 * {@code public int getDelaySeconds()}.
 */
class OriginalDesignGeneratorTests {

	@Test
	void originalGeneratorIsGeneratedRetriedOnItsIntDelayAndExecuted() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
				OriginalConfiguration.class)) {
			DynamicBeanFactory factory = context.getBean(DynamicBeanFactory.class);
			CacheSwitchGenerator generator = context.getBean(CacheSwitchGenerator.class);
			assertThat(factory.getStatus("cacheClient").state()).as("state after a failed start-up")
				.isEqualTo(DynamicBeanState.FAILED);
			assertThat(factory.getStatus("cacheClient").delay()).as("delay read from the int getDelaySeconds()")
				.isEqualTo(Duration.ofSeconds(1));
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(factory.getStatus("cacheClient").state()).isEqualTo(DynamicBeanState.ACTIVE));
			assertThat(context.getBean("cacheClient")).isInstanceOf(CacheClient.class);
			assertThat(generator.executions).as("execute() calls after the retry").hasValue(1);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableDynamicBeans
	static class OriginalConfiguration {

		@Bean
		CacheSwitchGenerator cacheSwitchGenerator() {
			return new CacheSwitchGenerator();
		}

	}

	static class CacheClient {

	}

	/** Written as for the original design: fails once (the cache is down), then switches over. */
	static class CacheSwitchGenerator extends AbstractExecutableDynamicBeanGeneratorAdapter<CacheClient> {

		final AtomicInteger calls = new AtomicInteger();

		final AtomicInteger executions = new AtomicInteger();

		@Override
		public CacheClient generate() throws Exception {
			if (this.calls.incrementAndGet() == 1) {
				throw new java.net.ConnectException("Connection refused");
			}
			return new CacheClient();
		}

		@Override
		public void execute() {
			this.executions.incrementAndGet();
		}

		@Override
		public int getDelaySeconds() {
			return 1;
		}

	}

}
