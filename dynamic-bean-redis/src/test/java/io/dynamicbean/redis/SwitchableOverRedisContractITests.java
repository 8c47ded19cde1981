/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.redis;

import java.time.Duration;
import java.util.UUID;

import io.dynamicbean.session.LocalSessionRepository;
import io.dynamicbean.session.SwitchableSessionRepository;
import io.dynamicbean.session.contract.SessionRepositoryContractTests;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.data.redis.RedisSessionRepository;

/**
 * The Spring Session repository contract, run against the switchable front with Spring Session's
 * {@link RedisSessionRepository} switched in as {@link RedisSessionRepositoryGenerator} builds it, on a
 * real {@code redis-server}. Spring Session's Redis store writes only changed attributes and refuses
 * a save of a deleted session; the front ends such a session without throwing.
 */
class SwitchableOverRedisContractITests extends SessionRepositoryContractTests<Session> {

	private static RedisProcess redis;

	private SwitchableSessionRepository front;

	private RedisSessionRepository store;

	@BeforeAll
	static void startRedis() {
		redis = RedisProcess.master("contract-redis").start();
	}

	@AfterAll
	static void stopRedis() {
		if (redis != null) {
			redis.close();
		}
	}

	@BeforeEach
	void switchToRedis() throws Exception {
		this.front = new SwitchableSessionRepository(new LocalSessionRepository());
		RedisSessionRepositoryGenerator generator = new RedisSessionRepositoryGenerator(this.front,
				SwitchableOverRedisContractITests::connectionFactory, "contract test");
		generator.setKeyNamespace("contract:" + UUID.randomUUID());
		this.store = generator.generate();
		generator.execute();
	}

	@AfterEach
	void closeConnection() throws Exception {
		if (this.store instanceof DisposableBean disposable) {
			disposable.destroy();
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

	@Override
	protected SessionRepository<Session> getRepository() {
		return this.front;
	}

	@Override
	protected boolean refusesSaveOfDeletedSessionByThrowing() {
		return false;
	}

}
