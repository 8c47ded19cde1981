/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.webapp;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.dynamicbean.DynamicBeanFactory;
import io.dynamicbean.DynamicBeanState;
import io.dynamicbean.DynamicBeanStatus;
import io.dynamicbean.memcached.MemcachedServer;
import io.dynamicbean.memcached.MemcachedSessionRepository;
import io.dynamicbean.memcached.support.SessionCodec;
import io.dynamicbean.memcached.support.SessionEntry;
import io.dynamicbean.session.SwitchableSessionRepository;
import io.dynamicbean.session.serialization.DeserializationAllowList;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.session.MapSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application starts while memcached is down, serves logins from local sessions, and
 * switches to memcached by itself when memcached starts, without losing anyone. The two tests
 * are one story and run in order on one application context.
 */
@SpringBootTest(classes = SessionTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "dynamic-bean.memcached.retry-delay=1s", "dynamic-bean.memcached.operation-timeout=200ms",
				"dynamic-bean.memcached.connect-timeout=500ms", "server.address=127.0.0.1" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MemcachedSessionStartupITests {

	private static final List<String> CHAIN = List.of("memcachedClient", "memcachedSessionRepository",
			"memcachedSecurityContextRepository");

	@RegisterExtension
	static final MemcachedServer memcached = new MemcachedServer();

	private static WebClient alice;

	@LocalServerPort
	private int port;

	@Autowired
	private DynamicBeanFactory dynamicBeanFactory;

	@Autowired
	private SwitchableSessionRepository sessionRepository;

	@DynamicPropertySource
	static void memcachedServers(DynamicPropertyRegistry registry) {
		registry.add("dynamic-bean.memcached.servers", memcached::getAddress);
	}

	@Test
	@Order(1)
	void startsWhenMemcachedIsDownAndServesLoginsLocally() {
		assertThat(states().get("memcachedClient")).as("state of memcachedClient, retried every second")
			.isIn(DynamicBeanState.FAILED, DynamicBeanState.GENERATING);
		assertThat(this.dynamicBeanFactory.getStatus("memcachedClient").lastFailure())
			.hasMessageContaining("No memcached server of [" + memcached.getAddress() + "] answered");
		assertThat(states()).as("dynamic bean states")
			.containsEntry("memcachedSessionRepository", DynamicBeanState.WAITING)
			.containsEntry("memcachedSecurityContextRepository", DynamicBeanState.WAITING);
		assertThat(this.sessionRepository.getActiveStoreName()).isEqualTo("local");
		alice = new WebClient(this.port);
		assertThat(alice.login("alice", "secret").statusCode()).as("login redirect").isEqualTo(302);
		assertThat(alice.get("/me").body()).isEqualTo("alice");
		assertThat(alice.get("/public/counter").body()).isEqualTo("1");
	}

	@Test
	@Order(2)
	void switchesToMemcachedWhenItStartsAndKeepsTheLoginsOfTheOutage() {
		long start = System.nanoTime();
		memcached.start();
		await("memcached chain active").atMost(Duration.ofSeconds(5))
			.until(() -> CHAIN.stream().allMatch((name) -> states().get(name) == DynamicBeanState.ACTIVE));
		Duration switched = Duration.ofNanos(System.nanoTime() - start);
		System.out.println("Memcached chain ACTIVE " + switched.toMillis() + " ms after memcached started (delay 1 s)");
		assertThat(switched).as("time to switch").isLessThan(Duration.ofSeconds(3));
		assertThat(this.sessionRepository.getActiveStoreName()).isEqualTo("memcached");

		String outageSessionId = alice.sessionId();
		assertThat(alice.get("/me").body()).as("user logged in during the outage").isEqualTo("alice");
		assertThat(alice.sessionId()).as("session id after the switch").isEqualTo(outageSessionId);
		MapSession stored = readFromMemcached(outageSessionId);
		assertThat(stored.<SecurityContext>getAttribute("SPRING_SECURITY_CONTEXT").getAuthentication().getName())
			.as("login stored in memcached")
			.isEqualTo("alice");
		assertThat(alice.get("/public/counter").body()).isEqualTo("2");

		WebClient newcomer = new WebClient(this.port);
		assertThat(newcomer.get("/public/counter").body()).isEqualTo("1");
		assertThat(readFromMemcached(newcomer.sessionId()).<Integer>getAttribute("counter")).isEqualTo(1);
	}

	@Test
	@Order(3)
	void costsAtMostTwoMemcachedRoundTripsPerRequest() {
		WebClient client = new WebClient(this.port);
		client.login("alice", "secret");
		client.get("/me");
		for (String path : List.of("/me", "/public/counter", "/me")) {
			long before = settledCommands();
			assertThat(client.get(path).statusCode()).isEqualTo(200);
			long commands = settledCommands() - before;
			System.out.println("[figures] memcached commands for one GET " + path + ": " + commands);
			assertThat(commands).as("memcached commands for GET %s", path).isLessThanOrEqualTo(2);
		}
	}

	/**
	 * The number of commands memcached has received, once it stopped growing: the session of a
	 * request is saved after its response may have reached the client.
	 */
	private static long settledCommands() {
		long[] last = { -1 };
		await().pollInterval(Duration.ofMillis(100)).atMost(Duration.ofSeconds(5)).until(() -> {
			long now = memcached.commands();
			boolean settled = now == last[0];
			last[0] = now;
			return settled;
		});
		return last[0];
	}

	private Map<String, DynamicBeanState> states() {
		return this.dynamicBeanFactory.getStatuses()
			.stream()
			.collect(Collectors.toMap(DynamicBeanStatus::beanName, DynamicBeanStatus::state));
	}

	private static MapSession readFromMemcached(String sessionId) {
		byte[] data = memcached.get(MemcachedSessionRepository.DEFAULT_KEY_PREFIX + sessionId);
		assertThat(data).as("memcached item of session %s", sessionId).isNotNull();
		try {
			SessionEntry entry = new SessionCodec(new DeserializationAllowList(List.of(), List.of(), 1 << 20), null)
				.decode(data, sessionId);
			MapSession session = new MapSession(sessionId);
			entry.getValues().forEach(session::setAttribute);
			return session;
		}
		catch (Exception ex) {
			throw new AssertionError(ex);
		}
	}

}
