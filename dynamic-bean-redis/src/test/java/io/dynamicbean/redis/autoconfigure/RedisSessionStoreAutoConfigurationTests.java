/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.redis.autoconfigure;

import java.time.Duration;

import io.dynamicbean.autoconfigure.DynamicBeanAutoConfiguration;
import io.dynamicbean.redis.RedisSessionRepositoryGenerator;
import io.dynamicbean.session.RemoteStoreFailureMonitor;
import io.dynamicbean.session.autoconfigure.SwitchableSessionAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisSessionStoreAutoConfiguration}.
 */
class RedisSessionStoreAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DynamicBeanAutoConfiguration.class,
				SwitchableSessionAutoConfiguration.class, DataRedisAutoConfiguration.class,
				RedisSessionStoreAutoConfiguration.class));

	@Test
	void isOffUnlessTheStoreIsRedis() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(RedisSessionRepositoryGenerator.class));
		this.runner.withPropertyValues("dynamic-bean.session.store=hazelcast")
			.run((context) -> assertThat(context).doesNotHaveBean(RedisSessionRepositoryGenerator.class));
	}

	@Test
	void configuresTheGeneratorFromBootsAndItsOwnProperties() {
		this.runner
			.withPropertyValues("dynamic-bean.session.store=redis", "dynamic-bean.session.remote.retry-delay=5s",
					"dynamic-bean.session.remote.failure-threshold=7", "spring.session.timeout=12m")
			.run((context) -> {
				RedisSessionRepositoryGenerator generator = context.getBean(RedisSessionRepositoryGenerator.class);
				assertThat(generator.getDelaySeconds()).isEqualTo(5);
				assertThat(generator.getFailureThreshold()).isEqualTo(7);
				assertThat(generator.getSessionTimeout()).isEqualTo(Duration.ofMinutes(12));
				assertThat(context.getBean(RemoteStoreFailureMonitor.class).isWatched("redis"))
					.as("the failure monitor watches the Redis store")
					.isTrue();
			});
	}

	@Test
	void connectsToAStandaloneServerFromHostAndPort() {
		this.runner.withPropertyValues("dynamic-bean.session.store=redis", "spring.data.redis.host=redis.internal",
				"spring.data.redis.port=6380", "spring.data.redis.database=2", "spring.data.redis.timeout=250ms")
			.run((context) -> {
				LettuceConnectionFactory factory = connectionFactories(context).get();
				assertThat(factory.getHostName()).isEqualTo("redis.internal");
				assertThat(factory.getPort()).isEqualTo(6380);
				assertThat(factory.getDatabase()).isEqualTo(2);
				assertThat(factory.getClientConfiguration().getCommandTimeout()).isEqualTo(Duration.ofMillis(250));
				assertThat(factory.getClientConfiguration().getClientOptions()).hasValueSatisfying(
						(options) -> assertThat(options.isAutoReconnect()).as("auto-reconnect").isFalse());
			});
	}

	@Test
	void connectsThroughSentinel() {
		this.runner.withPropertyValues("dynamic-bean.session.store=redis", "spring.data.redis.sentinel.master=sessions",
				"spring.data.redis.sentinel.nodes=10.0.0.1:26379,10.0.0.2:26379")
			.run((context) -> {
				SessionLettuceConnectionFactories factories = connectionFactories(context);
				RedisSentinelConfiguration sentinel = factories.get().getSentinelConfiguration();
				assertThat(sentinel).isNotNull();
				assertThat(sentinel.getMaster().getName()).isEqualTo("sessions");
				assertThat(sentinel.getSentinels()).hasSize(2);
				assertThat(factories.description()).isEqualTo(
						"Sentinel master 'sessions' through 10.0.0.1:26379, 10.0.0.2:26379");
			});
	}

	@Test
	void connectsToACluster() {
		this.runner.withPropertyValues("dynamic-bean.session.store=redis",
				"spring.data.redis.cluster.nodes=10.0.0.1:7000,10.0.0.2:7000", "spring.data.redis.cluster.max-redirects=4")
			.run((context) -> {
				RedisClusterConfiguration cluster = connectionFactories(context).get().getClusterConfiguration();
				assertThat(cluster).isNotNull();
				assertThat(cluster.getClusterNodes()).hasSize(2);
				assertThat(cluster.getMaxRedirects()).isEqualTo(4);
			});
	}

	@Test
	void refusesMasterReplicaWithAClearMessage() {
		this.runner.withPropertyValues("dynamic-bean.session.store=redis",
				"spring.data.redis.masterreplica.nodes=10.0.0.1:6379,10.0.0.2:6379")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("spring.data.redis.masterreplica.* is not supported"));
	}

	@Test
	void backsOffForTheApplicationsOwnGenerator() {
		this.runner.withPropertyValues("dynamic-bean.session.store=redis")
			.withBean("myGenerator", RedisSessionRepositoryGenerator.class,
					() -> new RedisSessionRepositoryGenerator(
							new io.dynamicbean.session.SwitchableSessionRepository(
									new io.dynamicbean.session.LocalSessionRepository()),
							LettuceConnectionFactory::new, "mine"))
			.run((context) -> assertThat(context).getBeanNames(RedisSessionRepositoryGenerator.class)
				.containsExactly("myGenerator"));
	}

	private static SessionLettuceConnectionFactories connectionFactories(
			org.springframework.context.ApplicationContext context) {
		RedisSessionRepositoryGenerator generator = context.getBean(RedisSessionRepositoryGenerator.class);
		Object factories = org.springframework.test.util.ReflectionTestUtils.getField(generator, "connectionFactories");
		assertThat(factories).isInstanceOf(SessionLettuceConnectionFactories.class);
		return (SessionLettuceConnectionFactories) factories;
	}

}
