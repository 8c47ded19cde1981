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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An application on a standalone {@code redis-server} (started by the test): it starts while
 * Redis is down, moves to Redis when it starts, falls back to local sessions when Redis is killed
 * under load, and goes back when it returns, with no failed request and no login lost.
 */
@SpringBootTest(classes = StoreTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "dynamic-bean.session.store=redis", "dynamic-bean.session.remote.retry-delay=1s",
				"spring.data.redis.timeout=300ms", "spring.data.redis.connect-timeout=300ms",
				"server.address=127.0.0.1" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisSessionStoreITests {

	private static final RedisProcess redis = RedisProcess.master("standalone");

	@LocalServerPort
	private int port;

	@Autowired
	private DynamicBeanFactory dynamicBeanFactory;

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.host", () -> "127.0.0.1");
		registry.add("spring.data.redis.port", redis::port);
	}

	@AfterAll
	static void stopRedis() {
		redis.close();
	}

	@Test
	@Order(1)
	void startsWhileRedisIsDownAndMovesTheLoginIntoRedisWhenItStarts() {
		assertThat(this.dynamicBeanFactory.getStatus("redisSessionRepository").lastFailure())
			.as("failure of the store bean at start-up")
			.isNotNull();
		LoggedInLoad.Browser browser = new LoggedInLoad.Browser(this.port);
		browser.login();
		assertThat(browser.get("/counter").body()).isEqualTo("alice:1:local");
		redis.start();
		await("the session moves into Redis").atMost(Duration.ofSeconds(20))
			.until(() -> String.valueOf(browser.get("/counter").body()), (body) -> body.endsWith(":redis"));
		assertThat(browser.get("/counter").body()).as("same login and session, in Redis").startsWith("alice:")
			.endsWith(":redis")
			.doesNotStartWith("alice:1:");
	}

	@Test
	@Order(2)
	void killedUnderLoadServesLocallyAndGoesBackWhenRedisReturns() throws Exception {
		await("on Redis").atMost(Duration.ofSeconds(20))
			.until(() -> this.dynamicBeanFactory.getStatus("redisSessionRepository").state() == DynamicBeanState.ACTIVE);
		try (LoggedInLoad load = new LoggedInLoad(this.port, 4)) {
			long start = System.nanoTime();
			await("load on Redis").atMost(Duration.ofSeconds(20)).until(() -> load.lastServedFrom(start, "redis"));
			redis.kill();
			long killed = System.nanoTime();
			await("served locally").atMost(Duration.ofSeconds(20)).until(() -> load.lastServedFrom(killed, "local"));
			redis.start();
			long restarted = System.nanoTime();
			await("back on Redis").atMost(Duration.ofSeconds(30)).until(() -> load.lastServedFrom(restarted, "redis"));
			List<Sample> outage = load.since(killed);
			System.out.println("[figures] standalone Redis killed under load: " + outage.size()
					+ " requests until back, max latency " + LoggedInLoad.maxLatency(outage).toMillis() + " ms");
			load.assertNoLoginOrSessionLost();
		}
	}

}
