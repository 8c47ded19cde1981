/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.bench;

import java.nio.file.Path;
import java.time.Duration;

import io.dynamicbean.example.testsupport.AppProcess;
import io.dynamicbean.example.testsupport.FreePorts;
import io.dynamicbean.example.testsupport.ManagedProcess;
import io.dynamicbean.example.testsupport.Servers;
import io.dynamicbean.example.testsupport.WebClient;
import io.dynamicbean.example.web.SessionView;
import io.dynamicbean.example.web.SessionViews;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end tests of the benchmark-only {@code plain-redis} profile (Spring Session Redis the
 * standard way, no switchable front) against a real {@code redis-server}: every page works after
 * login, not only {@code /bench/counter}.
 */
class PlainRedisProfileITests {

	private static final Path LOGS = Path.of("target", "it", "plain-redis");

	private static int redisPort;

	private static ManagedProcess redis;

	private static AppProcess app;

	@BeforeAll
	static void startRedisThenApp() {
		redisPort = FreePorts.next();
		redis = Servers.redis(redisPort, LOGS).start().awaitListening(redisPort, Duration.ofSeconds(20));
		app = AppProcess.start("plain-redis-app", FreePorts.next(), LOGS, "--spring.profiles.active=plain-redis",
				"--example.session.plain-redis.host=127.0.0.1", "--example.session.plain-redis.port=" + redisPort)
			.awaitReady(Duration.ofSeconds(90));
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
		if (redis != null) {
			redis.close();
		}
	}

	@Test
	void sessionAnswersAfterLoginWithTheSessionInRedis() {
		WebClient client = new WebClient(app.uri("/")).login("demo", "demo");
		SessionView first = client.session();
		SessionView second = client.session();
		assertThat(second.store()).as("store reported without a switchable front")
			.isEqualTo(SessionViews.PLAIN_SPRING_SESSION_STORE);
		assertThat(second.sessionId()).as("same session").isEqualTo(first.sessionId());
		assertThat(second.counter()).as("counter kept in the session").isEqualTo(first.counter() + 1);
		assertThat(redisHas("spring:session:sessions:" + second.sessionId())).as("the session's key in Redis")
			.isTrue();
	}

	@Test
	void homePageAnswersAfterLogin() {
		WebClient client = new WebClient(app.uri("/")).login("demo", "demo");
		WebClient.Response home = client.get("/");
		assertThat(home.status()).as("GET / answered %s", home.body()).isEqualTo(200);
		assertThat(home.body()).as("the home page").contains("Logged in as <b>demo</b>")
			.contains("spring-session (plain)");
	}

	private static boolean redisHas(String key) {
		RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", redisPort));
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			return connection.sync().exists(key) == 1;
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
	}

}
