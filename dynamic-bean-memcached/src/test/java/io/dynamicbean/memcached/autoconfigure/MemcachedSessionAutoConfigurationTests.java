/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.autoconfigure;

import java.time.Duration;
import java.util.List;

import io.dynamicbean.autoconfigure.DynamicBeanAutoConfiguration;
import io.dynamicbean.memcached.MemcachedClientGenerator;
import io.dynamicbean.memcached.MemcachedSecurityContextRepositoryGenerator;
import io.dynamicbean.memcached.MemcachedSessionRepository;
import io.dynamicbean.memcached.MemcachedSessionRepositoryGenerator;
import io.dynamicbean.memcached.support.DecodedValueCache;
import io.dynamicbean.session.RemoteStoreFailureMonitor;
import io.dynamicbean.session.SessionStoreGeneratorAdapter;
import io.dynamicbean.session.autoconfigure.SwitchableSessionAutoConfiguration;
import io.dynamicbean.session.serialization.DeserializationAllowList;
import io.dynamicbean.session.serialization.UnreadableValues;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MemcachedSessionAutoConfiguration}.
 */
class MemcachedSessionAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DynamicBeanAutoConfiguration.class,
				SwitchableSessionAutoConfiguration.class, MemcachedSessionAutoConfiguration.class));

	@Test
	void registersTheThreeGeneratorsWhoseStoreTheFailureMonitorOfTheSessionModuleWatches() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(MemcachedClientGenerator.class)
				.hasSingleBean(MemcachedSessionRepositoryGenerator.class)
				.hasSingleBean(MemcachedSecurityContextRepositoryGenerator.class);
			assertThat(context.getBean(RemoteStoreFailureMonitor.class).isWatched("memcached"))
				.as("the failure monitor watches the memcached store")
				.isTrue();
		});
	}

	@Test
	void registersOnlyTheClientGeneratorWithoutASwitchableSessionFront() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DynamicBeanAutoConfiguration.class,
					SwitchableSessionAutoConfiguration.class, MemcachedSessionAutoConfiguration.class))
			.run((context) -> assertThat(context).hasSingleBean(MemcachedClientGenerator.class)
				.doesNotHaveBean(MemcachedSessionRepositoryGenerator.class)
				.doesNotHaveBean(MemcachedSecurityContextRepositoryGenerator.class));
	}

	@Test
	void readsSessionValuesThroughTheAllowListOfTheSessionModule() {
		this.runner.withBean(DeserializationAllowList.class,
				() -> new DeserializationAllowList(List.of("com.example.Cart"), List.of(), 1024))
			.run((context) -> {
				DeserializationAllowList allowList = context.getBean(MemcachedSessionRepositoryGenerator.class)
					.getDeserializationAllowList();
				assertThat(allowList.isAllowed("com.example.Cart")).isTrue();
			});
	}

	@Test
	void countsUnreadableValuesWhereTheSessionModuleDoes() {
		this.runner.run((context) -> assertThat(context.getBean(MemcachedSessionRepositoryGenerator.class)
			.getUnreadableValues()).isSameAs(context.getBean(UnreadableValues.class)));
	}

	@Test
	void addsTheClassesOfTheDeprecatedSerializationProperties() {
		this.runner.withPropertyValues("dynamic-bean.memcached.serialization.allowed-classes=com.example.Cart",
				"dynamic-bean.memcached.serialization.allowed-packages=com.example.shop")
			.run((context) -> {
				DeserializationAllowList allowList = context.getBean(MemcachedSessionRepositoryGenerator.class)
					.getDeserializationAllowList();
				assertThat(allowList.isAllowed("com.example.Cart")).isTrue();
				assertThat(allowList.isAllowed("com.example.shop.Item")).isTrue();
				assertThat(allowList.isAllowed("com.example.Other")).isFalse();
			});
	}

	@Test
	void givesTheGeneratorTheApplicationsRepositoryCustomizers() {
		this.runner.withUserConfiguration(CustomizerConfiguration.class)
			.run((context) -> assertThat(
					ReflectionTestUtils.getField(context.getBean(MemcachedSessionRepositoryGenerator.class),
							"repositoryCustomizers"))
				.asInstanceOf(InstanceOfAssertFactories.LIST)
				.containsExactly(context.getBean("keyPrefixCustomizer")));
	}

	@Test
	void givesNewSessionsTheSessionTimeoutOfSpringBoot() {
		this.runner.withPropertyValues("server.servlet.session.timeout=12m")
			.run((context) -> assertThat(context.getBean(MemcachedSessionRepositoryGenerator.class).getSessionTimeout())
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
					"dynamic-bean.memcached.failure-threshold=5", "dynamic-bean.memcached.decoded-value-cache-size=4MB")
			.run((context) -> {
				MemcachedClientGenerator client = context.getBean(MemcachedClientGenerator.class);
				assertThat(client.getServers()).containsExactly("10.0.0.1:11211", "10.0.0.2:11211");
				assertThat(client.getOperationTimeout()).isEqualTo(Duration.ofMillis(150));
				assertThat(client.getDelaySeconds()).isEqualTo(1);
				MemcachedSessionRepositoryGenerator sessions = context.getBean(MemcachedSessionRepositoryGenerator.class);
				assertThat(sessions.getDelaySeconds()).isEqualTo(1);
				assertThat(sessions.getFailureThreshold()).isEqualTo(5);
				assertThat(sessions.getDecodedValueCacheSize()).isEqualTo(DataSize.ofMegabytes(4));
				assertThat(context.getBean(MemcachedSecurityContextRepositoryGenerator.class).getDelaySeconds())
					.isEqualTo(1);
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
	void failsToStartOnAFailureThresholdBelowOne() {
		this.runner.withPropertyValues("dynamic-bean.memcached.failure-threshold=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessage("dynamic-bean.memcached.failure-threshold must be at least 1, but was 0"));
	}

	@Test
	void writesCompactValuesUnlessTurnedOff() {
		this.runner.run((context) -> assertThat(context.getBean(MemcachedSessionRepositoryGenerator.class)
			.isCompactValues()).as("compact values by default").isTrue());
		this.runner.withPropertyValues("dynamic-bean.memcached.compact-values=false")
			.run((context) -> assertThat(context.getBean(MemcachedSessionRepositoryGenerator.class).isCompactValues())
				.as("compact values turned off")
				.isFalse());
	}

	@Test
	void failsToStartOnANegativeDecodedValueCacheSize() {
		this.runner.withPropertyValues("dynamic-bean.memcached.decoded-value-cache-size=-1KB")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessage("dynamic-bean.memcached.decoded-value-cache-size must not be negative"));
	}

	@Test
	void isTheStoreWhenNoneIsChosenOrMemcachedIs() {
		this.runner.withPropertyValues("dynamic-bean.session.store=memcached")
			.run((context) -> assertThat(context).hasSingleBean(MemcachedClientGenerator.class));
	}

	@Test
	void backsOffWhenAnotherStoreIsChosen() {
		this.runner.withPropertyValues("dynamic-bean.session.store=hazelcast")
			.run((context) -> assertThat(context).doesNotHaveBean(MemcachedClientGenerator.class)
				.doesNotHaveBean(MemcachedSessionRepositoryGenerator.class)
				.doesNotHaveBean(MemcachedSecurityContextRepositoryGenerator.class));
	}

	@Test
	void backsOffWhenDisabled() {
		this.runner.withPropertyValues("dynamic-bean.memcached.enabled=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(MemcachedClientGenerator.class)
					.doesNotHaveBean(MemcachedSessionRepositoryGenerator.class);
				assertThat(context.getBean(RemoteStoreFailureMonitor.class).isWatched("memcached")).isFalse();
			});
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
		assertThat(properties.getRetryDelay()).isEqualTo(SessionStoreGeneratorAdapter.DEFAULT_RETRY_DELAY);
		assertThat(properties.getFailureThreshold()).isEqualTo(RemoteStoreFailureMonitor.DEFAULT_FAILURE_THRESHOLD);
		assertThat(properties.getDecodedValueCacheSize()).isEqualTo(DecodedValueCache.DEFAULT_MAX_SIZE)
			.isEqualTo(DataSize.ofMegabytes(32));
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

	@Configuration(proxyBeanMethods = false)
	static class CustomizerConfiguration {

		@Bean
		SessionRepositoryCustomizer<MemcachedSessionRepository> keyPrefixCustomizer() {
			return (repository) -> repository.setKeyPrefix("custom:");
		}

	}

}
