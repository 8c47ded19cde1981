/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.session;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.dynamicbean.example.testsupport.AppProcess;
import io.dynamicbean.example.testsupport.FreePorts;
import io.dynamicbean.example.testsupport.ManagedProcess;
import io.dynamicbean.example.testsupport.Servers;
import io.dynamicbean.example.testsupport.TrafficLoop;
import io.dynamicbean.example.testsupport.TrafficLoop.Exchange;
import io.dynamicbean.example.testsupport.WebClient;
import io.dynamicbean.example.web.SessionView;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End-to-end tests of the {@code redis} profile against a real {@code redis-server}: the
 * application is started from its jar while Redis is down, and Redis comes up afterwards.
 */
class RedisProfileITests {

	private static final Path LOGS = Path.of("target", "it", "redis");

	private static int redisPort;

	private static ManagedProcess redis;

	private static AppProcess app;

	private static WebClient loggedInDuringOutage;

	private static SessionView beforeRedis;

	@BeforeAll
	static void startAppWithRedisDownThenRedis() {
		redisPort = FreePorts.next();
		redis = Servers.redis(redisPort, LOGS);
		app = AppProcess.start("redis-app", FreePorts.next(), LOGS, "--spring.profiles.active=redis",
				"--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + redisPort,
				"--dynamic-bean.session.remote.retry-delay=1s")
			.awaitReady(Duration.ofSeconds(90));
		loggedInDuringOutage = new WebClient(app.uri("/")).login("demo", "demo");
		beforeRedis = loggedInDuringOutage.session();
		redis.start().awaitListening(redisPort, Duration.ofSeconds(20));
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
	void startsWithRedisDownAndMovesTheSessionIntoRedisWhenItStarts() {
		assertThat(beforeRedis.store()).as("store while Redis is down").isEqualTo("local");
		await("the session moves into Redis").atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(loggedInDuringOutage.session().store()).isEqualTo("redis"));
		SessionView after = loggedInDuringOutage.session();
		assertThat(after.sessionId()).as("same session, still logged in").isEqualTo(beforeRedis.sessionId());
		assertThat(after.counter()).as("counter kept through the switch").isGreaterThan(beforeRedis.counter());
		assertThat(redisHas("spring:session:sessions:" + after.sessionId())).as("the session's key in Redis").isTrue();
	}

	@Test
	void redisKilledAtRunTimeFallsBackToLocalSessionsAndComesBackWithNoFailure() {
		WebClient client = new WebClient(app.uri("/")).login("demo", "demo");
		await("on Redis").atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(client.session().store()).isEqualTo("redis"));
		String sessionId = client.session().sessionId();
		try (TrafficLoop traffic = TrafficLoop.start(client, Duration.ofMillis(10), 3000, Duration.ofSeconds(45))) {
			redis.kill();
			Instant killed = Instant.now();
			await("served locally").atMost(Duration.ofSeconds(15)).until(() -> lastStoresAre(traffic, killed, "local"));
			redis.start().awaitListening(redisPort, Duration.ofSeconds(20));
			Instant restarted = Instant.now();
			await("back on Redis").atMost(Duration.ofSeconds(15)).until(() -> lastStoresAre(traffic, restarted, "redis"));
			List<Exchange> exchanges = traffic.exchanges();
			System.out.println("[figures] redis outage under traffic: " + exchanges.size() + " requests, max latency "
					+ exchanges.stream().map(Exchange::duration).max(Duration::compareTo).orElse(Duration.ZERO).toMillis()
					+ " ms, back " + Duration.between(restarted, Instant.now()).toMillis() + " ms after restart");
			assertThat(exchanges).filteredOn((exchange) -> exchange.status() != 200)
				.as("failed requests out of %d", exchanges.size())
				.isEmpty();
			assertThat(exchanges).extracting((exchange) -> exchange.session().sessionId())
				.as("still logged in, same session")
				.containsOnly(sessionId);
		}
		assertThat(redisHas("spring:session:sessions:" + sessionId)).as("the session is back in Redis").isTrue();
	}

	@Test
	void readsAndWritesTheSessionInRedisOncePerRequest() {
		WebClient client = new WebClient(app.uri("/")).login("demo", "demo");
		await("on Redis").atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(client.session().store()).isEqualTo("redis"));
		Map<String, Long> calls = redisCommandsDuring(client::session);
		System.out.println("[figures] redis commands for one GET /session: " + calls);
		assertThat(calls.getOrDefault("hgetall", 0L)).as("HGETALL (findById) of one GET /session: %s", calls)
			.isEqualTo(1);
		assertThat(calls.getOrDefault("hset", 0L) + calls.getOrDefault("hmset", 0L))
			.as("HSET (save) of one GET /session: %s", calls)
			.isEqualTo(1);
	}

	/**
	 * The commands Redis received while the action ran and the application finished the request,
	 * by name: {@code INFO commandstats} after {@code CONFIG RESETSTAT}.
	 */
	private static Map<String, Long> redisCommandsDuring(Runnable action) {
		RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", redisPort));
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			connection.sync().configResetstat();
			action.run();
			AtomicReference<Map<String, Long>> last = new AtomicReference<>(Map.of());
			await("Redis commands settle").pollInterval(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> {
				Map<String, Long> now = commandCalls(connection.sync().info("commandstats"));
				return now.equals(last.getAndSet(now));
			});
			return last.get();
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
	}

	private static Map<String, Long> commandCalls(String commandStats) {
		Map<String, Long> calls = new TreeMap<>();
		Matcher matcher = Pattern.compile("cmdstat_([a-z|]+):calls=(\\d+)").matcher(commandStats);
		while (matcher.find()) {
			if (!List.of("info", "config|resetstat", "config").contains(matcher.group(1))) {
				calls.put(matcher.group(1), Long.parseLong(matcher.group(2)));
			}
		}
		return calls;
	}

	private static boolean lastStoresAre(TrafficLoop traffic, Instant since, String store) {
		List<Exchange> recent = traffic.since(since);
		return recent.size() >= 5
				&& recent.subList(recent.size() - 5, recent.size()).stream().allMatch((e) -> e.store().equals(store));
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
