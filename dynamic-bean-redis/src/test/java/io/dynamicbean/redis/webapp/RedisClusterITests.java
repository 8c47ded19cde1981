/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.redis.webapp;

import java.time.Duration;
import java.util.List;

import io.dynamicbean.DynamicBeanFactory;
import io.dynamicbean.redis.RedisProcess;
import io.dynamicbean.session.testsupport.LoggedInLoad;
import io.dynamicbean.session.testsupport.StoreTestApplication;
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
 * An application on a Redis Cluster of three masters ({@code spring.data.redis.cluster.nodes}),
 * started by the test after the application: it starts while the cluster is down, and moves the
 * login into the cluster once the cluster is formed.
 */
@SpringBootTest(classes = StoreTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "dynamic-bean.session.store=redis", "dynamic-bean.session.remote.retry-delay=1s",
				"spring.data.redis.timeout=500ms", "spring.data.redis.connect-timeout=300ms",
				"server.address=127.0.0.1" })
class RedisClusterITests {

	private static final List<RedisProcess> nodes = List.of(RedisProcess.clusterNode("cluster-1"),
			RedisProcess.clusterNode("cluster-2"), RedisProcess.clusterNode("cluster-3"));

	@LocalServerPort
	private int port;

	@Autowired
	private DynamicBeanFactory dynamicBeanFactory;

	@DynamicPropertySource
	static void cluster(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.cluster.nodes",
				() -> String.join(",", nodes.stream().map(RedisProcess::address).toList()));
	}

	@AfterAll
	static void stopCluster() {
		nodes.forEach(RedisProcess::close);
	}

	@Test
	void startsWhileTheClusterIsDownAndMovesTheLoginIntoItOnceFormed() {
		assertThat(this.dynamicBeanFactory.getStatus("redisSessionRepository").lastFailure())
			.as("failure of the store bean at start-up")
			.isNotNull();
		LoggedInLoad.Browser browser = new LoggedInLoad.Browser(this.port);
		browser.login();
		assertThat(browser.get("/counter").body()).isEqualTo("alice:1:local");
		nodes.forEach(RedisProcess::start);
		RedisProcess.createCluster(nodes);
		await("the session moves into the cluster").atMost(Duration.ofSeconds(30))
			.until(() -> String.valueOf(browser.get("/counter").body()), (body) -> body.endsWith(":redis"));
		String body = browser.get("/counter").body();
		assertThat(body).as("same login and session, in the cluster").startsWith("alice:").endsWith(":redis");
		assertThat(Integer.parseInt(body.split(":")[1])).as("counter kept through the switch").isGreaterThan(2);
	}

}
