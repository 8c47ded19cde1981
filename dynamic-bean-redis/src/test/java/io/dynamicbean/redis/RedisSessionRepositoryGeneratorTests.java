/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import io.dynamicbean.session.LocalSessionRepository;
import io.dynamicbean.session.SwitchableSessionRepository;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link RedisSessionRepositoryGenerator} without Redis; the integration tests cover
 * it against real {@code redis-server} processes.
 */
class RedisSessionRepositoryGeneratorTests {

	private final SwitchableSessionRepository sessions = new SwitchableSessionRepository(new LocalSessionRepository());

	@Test
	void failsWithAMessageNamingRedisAndLeavesNoClientThreadBehind() {
		List<String> before = lettuceThreads();
		RedisSessionRepositoryGenerator generator = generator(freePort());
		for (int attempt = 0; attempt < 5; attempt++) {
			assertThatIllegalStateException().isThrownBy(generator::generate)
				.withMessageContaining("did not answer PING")
				.withMessageContaining("127.0.0.1:")
				.withMessageContaining("spring.data.redis");
		}
		await("Lettuce threads gone").atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(lettuceThreads()).as("threads of the half-built clients")
				.isSubsetOf(before));
		assertThat(this.sessions.getActiveStoreName()).isEqualTo("local");
	}

	@Test
	void namesItsBeanAfterTheRepositoryTypeAndItsStoreRedis() {
		RedisSessionRepositoryGenerator generator = generator(6379);
		assertThat(generator.getBeanName()).isEqualTo("redisSessionRepository");
		assertThat(generator.getStoreName()).isEqualTo("redis");
	}

	@Test
	void refusesAnEmptyKeyNamespace() {
		assertThatIllegalArgumentException().isThrownBy(() -> generator(6379).setKeyNamespace(" "))
			.withMessage("keyNamespace must not be empty");
	}

	private RedisSessionRepositoryGenerator generator(int port) {
		ClientOptions options = ClientOptions.builder()
			.socketOptions(SocketOptions.builder().connectTimeout(Duration.ofMillis(200)).build())
			.timeoutOptions(TimeoutOptions.enabled(Duration.ofMillis(200)))
			.autoReconnect(false)
			.build();
		LettuceClientConfiguration client = LettuceClientConfiguration.builder()
			.clientOptions(options)
			.commandTimeout(Duration.ofMillis(200))
			.shutdownQuietPeriod(Duration.ZERO)
			.build();
		return new RedisSessionRepositoryGenerator(this.sessions,
				() -> new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port), client),
				"127.0.0.1:" + port);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<String> lettuceThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(Thread::isAlive)
			.map(Thread::getName)
			.filter((name) -> name.startsWith("lettuce-"))
			.toList();
	}

}
