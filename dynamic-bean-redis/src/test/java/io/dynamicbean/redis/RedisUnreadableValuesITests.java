/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.dynamicbean.session.LocalSessionRepository;
import io.dynamicbean.session.SwitchableSessionRepository;
import io.dynamicbean.session.contract.UnreadableValuesContractTests;
import io.dynamicbean.session.serialization.DeserializationAllowList;
import io.dynamicbean.session.serialization.SessionValueSerializer;
import io.dynamicbean.session.serialization.UnreadableValues;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.session.data.redis.RedisSessionRepository;

/**
 * A deploy that changes a session-held class, on Spring Session's {@link RedisSessionRepository}
 * as {@link RedisSessionRepositoryGenerator} builds it, on a real {@code redis-server}: directly,
 * and through the switchable front of each release.
 */
class RedisUnreadableValuesITests {

	private static RedisProcess redis;

	@BeforeAll
	static void startRedis() {
		redis = RedisProcess.master("unreadable-values-redis").start();
	}

	@AfterAll
	static void stopRedis() {
		if (redis != null) {
			redis.close();
		}
	}

	abstract static class OnRedis extends UnreadableValuesContractTests {

		private final List<RedisSessionRepository> stores = new ArrayList<>();

		private String keyNamespace;

		@BeforeEach
		void newNamespace() {
			this.keyNamespace = "unreadable:" + UUID.randomUUID();
		}

		@AfterEach
		void closeConnections() throws Exception {
			for (RedisSessionRepository store : this.stores) {
				if (store instanceof DisposableBean disposable) {
					disposable.destroy();
				}
			}
		}

		RedisSessionRepository store(SwitchableSessionRepository front, SessionValueSerializer serializer) {
			RedisSessionRepositoryGenerator generator = new RedisSessionRepositoryGenerator(front,
					RedisUnreadableValuesITests::connectionFactory, "unreadable values test");
			generator.setKeyNamespace(this.keyNamespace);
			generator.setValueSerializer(serializer);
			try {
				RedisSessionRepository store = generator.generate();
				this.stores.add(store);
				generator.execute();
				return store;
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	@Nested
	class Directly extends OnRedis {

		@Override
		protected Release release(ClassLoader classLoader, DeserializationAllowList allowList) {
			UnreadableValues unreadable = new UnreadableValues("redis");
			SwitchableSessionRepository unused = new SwitchableSessionRepository(new LocalSessionRepository());
			return Release.of(store(unused, new SessionValueSerializer(allowList, classLoader, unreadable)),
					unreadable);
		}

	}

	@Nested
	class ThroughTheFront extends OnRedis {

		@Override
		protected Release release(ClassLoader classLoader, DeserializationAllowList allowList) {
			UnreadableValues unreadable = new UnreadableValues("redis");
			SwitchableSessionRepository front = new SwitchableSessionRepository(new LocalSessionRepository());
			store(front, new SessionValueSerializer(allowList, classLoader, unreadable));
			return Release.of(front, unreadable);
		}

	}

	private static LettuceConnectionFactory connectionFactory() {
		ClientOptions options = ClientOptions.builder()
			.socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(2)).build())
			.timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(2)))
			.build();
		LettuceClientConfiguration client = LettuceClientConfiguration.builder()
			.clientOptions(options)
			.commandTimeout(Duration.ofSeconds(2))
			.shutdownQuietPeriod(Duration.ZERO)
			.build();
		return new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", redis.port()), client);
	}

}
