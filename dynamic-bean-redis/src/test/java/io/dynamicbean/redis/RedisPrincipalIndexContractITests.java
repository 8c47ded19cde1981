/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.dynamicbean.session.SwitchableSessionRepository;
import io.dynamicbean.session.contract.PrincipalIndexContractTests;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

/**
 * The principal index of the front over the Redis module's {@code RedisSessionRepository} on a
 * real redis-server, one connection per instance: the entries are hashes of the store like
 * sessions, merged per field.
 */
class RedisPrincipalIndexContractITests extends PrincipalIndexContractTests {

	private static RedisProcess redis;

	private final String namespace = "index:" + UUID.randomUUID();

	private final List<Object> stores = new ArrayList<>();

	@BeforeAll
	static void startRedis() {
		redis = RedisProcess.master("index-redis").start();
	}

	@AfterAll
	static void stopRedis() {
		if (redis != null) {
			redis.close();
		}
	}

	@AfterEach
	void closeConnections() throws Exception {
		for (Object store : this.stores) {
			if (store instanceof DisposableBean disposable) {
				disposable.destroy();
			}
		}
	}

	@Override
	protected SessionRepository<? extends Session> newStore(SwitchableSessionRepository front) {
		RedisSessionRepositoryGenerator generator = new RedisSessionRepositoryGenerator(front,
				RedisPrincipalIndexContractITests::connectionFactory, "index contract test");
		generator.setKeyNamespace(this.namespace);
		try {
			SessionRepository<? extends Session> store = generator.generate();
			this.stores.add(store);
			return store;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
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
