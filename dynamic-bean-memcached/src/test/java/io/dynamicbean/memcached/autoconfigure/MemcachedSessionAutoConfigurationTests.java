/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.autoconfigure;

import java.time.Duration;
import java.util.List;

import io.dynamicbean.memcached.MemcachedClientGenerator;
import io.dynamicbean.memcached.MemcachedFailureMonitor;
import io.dynamicbean.memcached.MemcachedSecurityContextRepositoryGenerator;
import io.dynamicbean.memcached.MemcachedSessionRepository;
import io.dynamicbean.memcached.MemcachedSessionRepositoryGenerator;
import io.dynamicbean.session.serialization.DeserializationAllowList;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MemcachedSessionAutoConfiguration}.
 */
class MemcachedSessionAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MemcachedSessionAutoConfiguration.class));

	@Test
	void registersTheThreeGeneratorsAndTheFailureMonitor() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(MemcachedClientGenerator.class)
			.hasSingleBean(MemcachedSessionRepositoryGenerator.class)
			.hasSingleBean(MemcachedSecurityContextRepositoryGenerator.class)
			.hasSingleBean(MemcachedFailureMonitor.class));
	}

	@Test
	void readsSessionValuesThroughTheAllowListOfTheSessionModule() {
		this.runner.withBean(DeserializationAllowList.class,
				() -> new DeserializationAllowList(List.of("com.example.Cart"), List.of(), 1024))
			.run((context) -> {
				DeserializationAllowList allowList = (DeserializationAllowList) ReflectionTestUtils
					.getField(context.getBean(MemcachedSessionRepositoryGenerator.class), "deserializationAllowList");
				assertThat(allowList.isAllowed("com.example.Cart")).isTrue();
			});
	}

	@Test
	void addsTheClassesOfTheDeprecatedSerializationProperties() {
		this.runner.withPropertyValues("dynamic-bean.memcached.serialization.allowed-classes=com.example.Cart",
				"dynamic-bean.memcached.serialization.allowed-packages=com.example.shop")
			.run((context) -> {
				DeserializationAllowList allowList = (DeserializationAllowList) ReflectionTestUtils
					.getField(context.getBean(MemcachedSessionRepositoryGenerator.class), "deserializationAllowList");
				assertThat(allowList.isAllowed("com.example.Cart")).isTrue();
				assertThat(allowList.isAllowed("com.example.shop.Item")).isTrue();
				assertThat(allowList.isAllowed("com.example.Other")).isFalse();
			});
	}

	@Test
	void givesNewSessionsTheSessionTimeoutOfSpringBoot() {
		this.runner.withPropertyValues("server.servlet.session.timeout=12m")
			.run((context) -> assertThat(ReflectionTestUtils.getField(
					context.getBean(MemcachedSessionRepositoryGenerator.class), "defaultMaxInactiveInterval"))
				.isEqualTo(Duration.ofMinutes(12)));
	}

	@Test
	void retriesEveryThirtySecondsByDefault() {
		this.runner.run((context) -> {
			assertThat(context.getBean(MemcachedClientGenerator.class).getDelaySeconds()).isEqualTo(30);
			assertThat(context.getBean(MemcachedSessionRepositoryGenerator.class).getDelaySeconds()).isEqualTo(30);
			assertThat(context.getBean(MemcachedSecurityContextRepositoryGenerator.class).getDelaySeconds())
				.isEqualTo(30);
		});
	}

	@Test
	void appliesTheProperties() {
		this.runner
			.withPropertyValues("dynamic-bean.memcached.servers=10.0.0.1:11211,10.0.0.2:11211",
					"dynamic-bean.memcached.retry-delay=1s", "dynamic-bean.memcached.operation-timeout=150ms",
					"dynamic-bean.memcached.failure-threshold=5")
			.run((context) -> {
				MemcachedClientGenerator client = context.getBean(MemcachedClientGenerator.class);
				assertThat(client.getServers()).containsExactly("10.0.0.1:11211", "10.0.0.2:11211");
				assertThat(client.getOperationTimeout()).isEqualTo(Duration.ofMillis(150));
				assertThat(client.getDelaySeconds()).isEqualTo(1);
				assertThat(context.getBean(MemcachedSecurityContextRepositoryGenerator.class).getDelaySeconds())
					.isEqualTo(1);
				assertThat(ReflectionTestUtils.getField(context.getBean(MemcachedFailureMonitor.class),
						"failureThreshold")).isEqualTo(5);
			});
	}

	@Test
	void failsToStartOnARetryDelayThatIsNotWholeSeconds() {
		this.runner.withPropertyValues("dynamic-bean.memcached.retry-delay=1500ms")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("dynamic-bean.memcached.retry-delay must be a whole number of seconds"));
	}

	@Test
	void isTheStoreWhenNoneIsChosenOrMemcachedIs() {
		this.runner.withPropertyValues("dynamic-bean.session.store=memcached")
			.run((context) -> assertThat(context).hasSingleBean(MemcachedClientGenerator.class));
	}

	@Test
	void backsOffWhenAnotherStoreIsChosen() {
		this.runner.withPropertyValues("dynamic-bean.session.store=redis")
			.run((context) -> assertThat(context).doesNotHaveBean(MemcachedClientGenerator.class)
				.doesNotHaveBean(MemcachedSessionRepositoryGenerator.class)
				.doesNotHaveBean(MemcachedSecurityContextRepositoryGenerator.class));
	}

	@Test
	void backsOffWhenDisabled() {
		this.runner.withPropertyValues("dynamic-bean.memcached.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MemcachedClientGenerator.class)
				.doesNotHaveBean(MemcachedFailureMonitor.class));
	}

	@Test
	void backsOffForAGeneratorOfTheApplications() {
		this.runner.withUserConfiguration(CustomGenerator.class)
			.run((context) -> assertThat(context.getBean(MemcachedClientGenerator.class).getServers())
				.containsExactly("cache:11211"));
	}

	@Test
	void documentsTheDefaultsTheGeneratorsUse() {
		MemcachedProperties properties = new MemcachedProperties();
		assertThat(properties.getServers()).isEqualTo(MemcachedClientGenerator.DEFAULT_SERVERS);
		assertThat(properties.getProtocol()).isEqualTo(MemcachedClientGenerator.DEFAULT_PROTOCOL);
		assertThat(properties.getOperationTimeout()).isEqualTo(MemcachedClientGenerator.DEFAULT_OPERATION_TIMEOUT);
		assertThat(properties.getConnectTimeout()).isEqualTo(MemcachedClientGenerator.DEFAULT_CONNECT_TIMEOUT);
		assertThat(properties.getRetryDelay()).isEqualTo(MemcachedClientGenerator.DEFAULT_DELAY);
		assertThat(properties.getKeyPrefix()).isEqualTo(MemcachedSessionRepository.DEFAULT_KEY_PREFIX);
		assertThat(properties.getMaxItemSize()).isEqualTo(MemcachedSessionRepository.DEFAULT_MAX_ITEM_SIZE)
			.isEqualTo(DataSize.ofMegabytes(1));
		assertThat(properties.getFailureThreshold()).isEqualTo(MemcachedFailureMonitor.DEFAULT_FAILURE_THRESHOLD);
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomGenerator {

		@Bean
		MemcachedClientGenerator memcachedClientGenerator() {
			MemcachedClientGenerator generator = new MemcachedClientGenerator();
			generator.setServers(List.of("cache:11211"));
			return generator;
		}

	}

}
