/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.session.redis;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import io.dynamicbean.example.testsupport.FreePorts;
import io.dynamicbean.session.LocalSessionRepository;
import io.dynamicbean.session.SwitchableSessionRepository;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link RedisSessionRepositoryGenerator} without Redis; {@code RedisProfileITests}
 * covers it against a real {@code redis-server}.
 */
class RedisSessionRepositoryGeneratorTests {

	private final SwitchableSessionRepository sessions = new SwitchableSessionRepository(new LocalSessionRepository());

	@Test
	void failsWithAMessageNamingRedisAndLeavesNoClientThreadBehind() {
		RedisSessionRepositoryGenerator generator = generator(FreePorts.next());
		for (int attempt = 0; attempt < 5; attempt++) {
			assertThatIllegalStateException().isThrownBy(generator::generate)
				.withMessageContaining("did not answer PING")
				.withMessageContaining("example.session.redis");
		}
		await("Lettuce threads gone").atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(lettuceThreads()).as("threads of the half-built clients").isEmpty());
		assertThat(this.sessions.getActiveStoreName()).isEqualTo("local");
	}

	@Test
	void aServerThatNeverAnswersCostsAtMostTheTimeouts() throws IOException {
		try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			assertThatIllegalStateException().as("warm-up: load the client's classes")
				.isThrownBy(generator(FreePorts.next())::generate);
			RedisSessionRepositoryGenerator generator = generator(silent.getLocalPort());
			long start = System.nanoTime();
			assertThatIllegalStateException().isThrownBy(generator::generate);
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			System.out.println("[figures] Redis generator gave up on a silent server in " + took.toMillis() + " ms");
			assertThat(took).as("time to give up on a silent server (timeouts 200 + 200 ms, shutdown up to 1 s)")
				.isLessThan(Duration.ofMillis(200 + 200 + 1000 + 500));
		}
	}

	@Test
	void declaresItsRetryDelayFromTheProperties() {
		RedisSessionProperties properties = new RedisSessionProperties();
		assertThat(new RedisSessionRepositoryGenerator(properties, this.sessions).getDelaySeconds()).isEqualTo(30);
		properties.setRetryDelay(Duration.ofSeconds(2));
		assertThat(new RedisSessionRepositoryGenerator(properties, this.sessions).getDelaySeconds()).isEqualTo(2);
	}

	@Test
	void namesItsBeanAfterTheRepositoryType() {
		assertThat(generator(6379).getBeanName()).isEqualTo("redisSessionRepository");
	}

	private RedisSessionRepositoryGenerator generator(int port) {
		RedisSessionProperties properties = new RedisSessionProperties();
		properties.setHost("127.0.0.1");
		properties.setPort(port);
		properties.setConnectTimeout(Duration.ofMillis(200));
		properties.setCommandTimeout(Duration.ofMillis(200));
		return new RedisSessionRepositoryGenerator(properties, this.sessions);
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
