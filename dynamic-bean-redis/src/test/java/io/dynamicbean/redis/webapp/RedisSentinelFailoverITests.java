/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.redis.webapp;

import java.time.Duration;
import java.util.List;

import io.dynamicbean.DynamicBeanFactory;
import io.dynamicbean.DynamicBeanState;
import io.dynamicbean.redis.RedisProcess;
import io.dynamicbean.session.testsupport.LoggedInLoad;
import io.dynamicbean.session.testsupport.LoggedInLoad.Sample;
import io.dynamicbean.session.testsupport.StoreTestApplication;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An application on Redis with a replica and a Sentinel ({@code spring.data.redis.sentinel.*}),
 * all started by the test: the master is killed while logged-in browsers keep requesting; the
 * application serves locally during the gap, then from the promoted replica, and no request
 * fails, no login and no session is lost.
 */
@SpringBootTest(classes = StoreTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "dynamic-bean.session.store=redis", "dynamic-bean.session.remote.retry-delay=1s",
				"spring.data.redis.timeout=300ms", "spring.data.redis.connect-timeout=300ms",
				"spring.data.redis.sentinel.master=sessions", "server.address=127.0.0.1" })
class RedisSentinelFailoverITests {

	private static final RedisProcess master = RedisProcess.master("sentinel-master").start();

	private static final RedisProcess replica = RedisProcess.replicaOf("sentinel-replica", master).start();

	private static final RedisProcess sentinel = RedisProcess.sentinel("sentinel", "sessions", master).start();

	@LocalServerPort
	private int port;

	@Autowired
	private DynamicBeanFactory dynamicBeanFactory;

	@DynamicPropertySource
	static void sentinel(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.sentinel.nodes", sentinel::address);
	}

	@AfterAll
	static void stopRedis() {
		sentinel.close();
		replica.close();
		master.close();
	}

	@Test
	void masterKilledUnderLoadServesLocallyThenFromThePromotedReplica() throws Exception {
		await("on Redis through Sentinel").atMost(Duration.ofSeconds(20))
			.until(() -> this.dynamicBeanFactory.getStatus("redisSessionRepository").state() == DynamicBeanState.ACTIVE);
		await("the replica in sync").atMost(Duration.ofSeconds(20))
			.ignoreExceptions()
			.until(RedisSentinelFailoverITests::replicaInSync);
		try (LoggedInLoad load = new LoggedInLoad(this.port, 4)) {
			long start = System.nanoTime();
			await("load on Redis").atMost(Duration.ofSeconds(20)).until(() -> load.lastServedFrom(start, "redis"));
			master.kill();
			long killed = System.nanoTime();
			// Sentinel closes the clients of a server whose role it changes: a poll may be cut off.
			await("Sentinel promotes the replica").atMost(Duration.ofSeconds(30))
				.ignoreExceptions()
				.until(RedisSentinelFailoverITests::replicaIsMaster);
			long promoted = System.nanoTime();
			await("back on Redis, the new master").atMost(Duration.ofSeconds(30))
				.until(() -> load.lastServedFrom(promoted, "redis"));
			List<Sample> outage = load.since(killed);
			System.out.println("[figures] Sentinel failover under load: " + outage.size() + " requests, "
					+ outage.stream().filter((s) -> s.body().endsWith(":local")).count() + " served locally, max latency "
					+ LoggedInLoad.maxLatency(outage).toMillis() + " ms, promoted after "
					+ Duration.ofNanos(promoted - killed).toMillis() + " ms");
			load.assertNoLoginOrSessionLost();
		}
		await("role of the former replica").atMost(Duration.ofSeconds(10))
			.ignoreExceptions()
			.untilAsserted(() -> assertThat(replicaRole()).isEqualTo("master"));
	}

	private static boolean replicaInSync() {
		String info = info(replica, "replication");
		return info.contains("master_link_status:up");
	}

	private static boolean replicaIsMaster() {
		return "master".equals(replicaRole());
	}

	private static String replicaRole() {
		return info(replica, "replication").lines()
			.filter((line) -> line.startsWith("role:"))
			.map((line) -> line.substring("role:".length()).trim())
			.findFirst()
			.orElse("");
	}

	private static String info(RedisProcess server, String section) {
		RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", server.port()));
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			return connection.sync().info(section);
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
	}

}
