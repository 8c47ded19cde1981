/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import io.dynamicbean.example.testsupport.AppProcess;
import io.dynamicbean.example.testsupport.FreePorts;
import io.dynamicbean.example.testsupport.ManagedProcess;
import io.dynamicbean.example.testsupport.RawHttp;
import io.dynamicbean.example.testsupport.Servers;
import io.dynamicbean.example.testsupport.TrafficLoop;
import io.dynamicbean.example.testsupport.TrafficLoop.Exchange;
import io.dynamicbean.example.testsupport.WebClient;
import io.dynamicbean.example.web.SessionView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End-to-end tests of a real cluster: memcached, two application instances started from the jar,
 * and HAProxy in front balancing round-robin without stickiness and checking
 * {@code GET /monitor/l7check} every second (down after 2 failed checks, up after 2). The
 * instances allow L7 changes from {@code 127.0.0.1/32} only.
 *
 * <p>The instances are started while memcached is still down, as on a fresh machine; memcached
 * comes up afterwards.
 */
class ClusterITests {

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

	/** HAProxy checks every 1 s and needs 2 failed checks: allow one more interval of slack. */
	private static final Duration DRAIN_LIMIT = Duration.ofSeconds(3);

	private static final Path LOGS = Path.of("target", "it", "cluster");

	private static ManagedProcess memcached;

	private static AppProcess app1;

	private static AppProcess app2;

	private static ManagedProcess haproxy;

	private static int memcachedPort;

	private static int haproxyPort;

	private static WebClient loggedInDuringOutage;

	private static SessionView beforeMemcached;

	@BeforeAll
	static void startClusterWithMemcachedDown() {
		memcachedPort = FreePorts.next();
		app1 = startApp("app-1");
		app2 = startApp("app-2");
		app1.awaitReady(READY_TIMEOUT);
		app2.awaitReady(READY_TIMEOUT);
		loggedInDuringOutage = new WebClient(app1.uri("/")).login("demo", "demo");
		beforeMemcached = loggedInDuringOutage.session();
		memcached = Servers.memcached(memcachedPort, LOGS);
		haproxyPort = FreePorts.next();
		haproxy = Servers.haproxy(haproxyPort, List.of(app1.port(), app2.port()), LOGS);
		awaitBothOnMemcached();
	}

	private static AppProcess startApp(String instanceId) {
		return AppProcess.start(instanceId, FreePorts.next(), LOGS,
				"--dynamic-bean.memcached.servers=127.0.0.1:" + memcachedPort,
				"--dynamic-bean.memcached.retry-delay=1s", "--dynamic-bean.l7check.allowed-addresses=127.0.0.1");
	}

	@AfterAll
	static void stopCluster() {
		for (AutoCloseable each : new AutoCloseable[] { haproxy, app1, app2, memcached }) {
			try {
				if (each != null) {
					each.close();
				}
			}
			catch (Exception ex) {
				// keep stopping the others
			}
		}
	}

	@Test
	void startedWithMemcachedDownAndMovedTheSessionOfThatTimeIntoMemcached() {
		assertThat(beforeMemcached.store()).as("store of a login while memcached was down").isEqualTo("local");
		await("the session logged in during the outage moves into memcached").atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(loggedInDuringOutage.session().store()).isEqualTo("memcached"));
		SessionView onTheOtherInstance = loggedInDuringOutage.at(app2.uri("/")).session();
		assertThat(onTheOtherInstance.instance()).isEqualTo("app-2");
		assertThat(onTheOtherInstance.sessionId()).as("same session on the other instance")
			.isEqualTo(beforeMemcached.sessionId());
		assertThat(onTheOtherInstance.store()).isEqualTo("memcached");
		assertThat(onTheOtherInstance.counter()).as("counter kept through the switch").isGreaterThan(beforeMemcached.counter());
	}

	@Test
	void costsAtMostTwoMemcachedCommandsPerSessionRequest() {
		WebClient client = new WebClient(app1.uri("/")).login("demo", "demo");
		await("on memcached").atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(client.session().store()).isEqualTo("memcached"));
		for (String path : List.of("/session", "/")) {
			long before = settledMemcachedCommands();
			assertThat(client.get(path).status()).isEqualTo(200);
			long commands = settledMemcachedCommands() - before;
			System.out.println("[figures] memcached commands for one GET " + path + ": " + commands);
			assertThat(commands).as("memcached commands (get, set) of GET %s", path).isLessThanOrEqualTo(2);
		}
	}

	/**
	 * Memcached's count of get, set, touch and delete commands, once it stopped growing: the
	 * session of a request may be saved after its response reached the client.
	 */
	private static long settledMemcachedCommands() {
		AtomicLong last = new AtomicLong(-1);
		await("memcached commands settle").pollInterval(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5))
			.until(() -> {
				long now = memcachedCommands();
				return now == last.getAndSet(now);
			});
		return last.get();
	}

	private static long memcachedCommands() {
		try (Socket socket = new Socket("127.0.0.1", memcachedPort)) {
			socket.setSoTimeout(2000);
			socket.getOutputStream().write("stats\r\nquit\r\n".getBytes(StandardCharsets.US_ASCII));
			String stats = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
			long total = 0;
			for (String line : stats.split("\r\n")) {
				String[] parts = line.split(" ");
				if (parts.length == 3 && Set.of("cmd_get", "cmd_set", "cmd_touch", "delete_hits", "delete_misses")
					.contains(parts[1])) {
					total += Long.parseLong(parts[2]);
				}
			}
			return total;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Test
	void consecutiveRequestsThroughHaproxyAlternateInstancesInOneSession() {
		WebClient client = throughHaproxy().login("demo", "demo");
		List<SessionView> views = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			views.add(client.session());
		}
		assertThat(views).extracting(SessionView::sessionId).as("one session").containsOnly(views.get(0).sessionId());
		assertThat(views).extracting(SessionView::store).containsOnly("memcached");
		for (int i = 1; i < views.size(); i++) {
			assertThat(views.get(i).instance()).as("request %d goes to the other instance than request %d", i, i - 1)
				.isNotEqualTo(views.get(i - 1).instance());
			assertThat(views.get(i).counter()).as("counter of request %d", i).isEqualTo(views.get(i - 1).counter() + 1);
		}
		assertThat(views).extracting(SessionView::instance).containsOnly("app-1", "app-2");
	}

	@Test
	void anInstanceTakenDownStopsGettingRequestsWithinTheCheckIntervalWithNoFailedRequest() {
		WebClient client = throughHaproxy().login("demo", "demo");
		try (TrafficLoop traffic = TrafficLoop.start(client, Duration.ofMillis(10), 3000, Duration.ofSeconds(40))) {
			awaitBothServing(traffic);
			Instant down = Instant.now();
			assertThat(new WebClient(app2.uri("/")).putText("/monitor/l7check", "DOWN").status())
				.as("PUT DOWN from 127.0.0.1").isEqualTo(503);
			await("HAProxy sends every request to app-1").atMost(Duration.ofSeconds(10))
				.until(() -> traffic.last(20).stream().allMatch((exchange) -> exchange.instance().equals("app-1")));
			Instant lastOnApp2 = traffic.since(down)
				.stream()
				.filter((exchange) -> exchange.instance().equals("app-2"))
				.map(Exchange::start)
				.max(Instant::compareTo)
				.orElse(down);
			assertThat(Duration.between(down, lastOnApp2)).as("time app-2 kept getting new requests after DOWN")
				.isLessThanOrEqualTo(DRAIN_LIMIT);
			System.out.println("[figures] app-2 drained " + Duration.between(down, lastOnApp2).toMillis()
					+ " ms after PUT DOWN (HAProxy inter 1s fall 2)");
			assertThat(new WebClient(app2.uri("/")).putText("/monitor/l7check", "UP").status()).isEqualTo(200);
			awaitBothServing(traffic);
			assertNoFailure(traffic.exchanges());
		}
	}

	@Test
	void aPutFromADisallowedAddressIsRefused() {
		assertThat(RawHttp.put("127.0.0.2", app1.port(), "/monitor/l7check", "DOWN", Map.of()))
			.as("PUT DOWN from 127.0.0.2").isEqualTo(403);
		assertThat(RawHttp.put("127.0.0.2", app1.port(), "/monitor/l7check", "DOWN",
				Map.of("X-Forwarded-For", "127.0.0.1", "Forwarded", "for=127.0.0.1")))
			.as("PUT DOWN from 127.0.0.2 claiming to forward for 127.0.0.1").isEqualTo(403);
		assertThat(RawHttp.put("127.0.0.1", haproxyPort, "/monitor/l7check", "DOWN", Map.of()))
			.as("PUT DOWN through HAProxy").isEqualTo(403);
		assertThat(WebClient.status(app1.uri("/monitor/l7check"))).as("app-1 still UP").isEqualTo(200);
	}

	@Test
	void memcachedKilledAndRestartedUnderTrafficCausesNoFailureAndNoLostLogin() {
		WebClient client = throughHaproxy().login("demo", "demo");
		String sessionId = client.session().sessionId();
		try (TrafficLoop traffic = TrafficLoop.start(client, Duration.ofMillis(10), 4000, Duration.ofSeconds(60))) {
			awaitBothServing(traffic);
			memcached.kill();
			Instant killed = Instant.now();
			await("both instances serve locally").atMost(Duration.ofSeconds(15))
				.until(() -> lastStores(traffic, killed).equals(Set.of("local")));
			memcached.start().awaitListening(memcachedPort, Duration.ofSeconds(10));
			Instant restarted = Instant.now();
			await("both instances back on memcached").atMost(Duration.ofSeconds(20))
				.until(() -> lastStores(traffic, restarted).equals(Set.of("memcached"))
						&& instances(traffic.last(10)).size() == 2);
			List<Exchange> exchanges = traffic.exchanges();
			System.out.println("[figures] memcached kill/restart under traffic: " + exchanges.size() + " requests, "
					+ "max latency " + maxLatency(exchanges).toMillis() + " ms, back on memcached "
					+ Duration.between(restarted, Instant.now()).toMillis() + " ms after restart (retry delay 1 s)");
			assertNoFailure(exchanges);
			assertThat(exchanges).extracting((exchange) -> exchange.session().sessionId())
				.as("the login survives: same session throughout")
				.containsOnly(sessionId);
		}
	}

	private static Set<String> lastStores(TrafficLoop traffic, Instant since) {
		List<Exchange> recent = traffic.since(since);
		return (recent.size() < 10) ? Set.of() : recent.subList(recent.size() - 10, recent.size())
			.stream()
			.map(Exchange::store)
			.collect(Collectors.toSet());
	}

	private static Duration maxLatency(List<Exchange> exchanges) {
		return exchanges.stream().map(Exchange::duration).max(Duration::compareTo).orElse(Duration.ZERO);
	}

	private static Set<String> instances(List<Exchange> exchanges) {
		return exchanges.stream().map(Exchange::instance).collect(Collectors.toSet());
	}

	private static void awaitBothServing(TrafficLoop traffic) {
		await("HAProxy sends requests to both instances").atMost(Duration.ofSeconds(15))
			.until(() -> instances(traffic.last(10)).equals(Set.of("app-1", "app-2")));
	}

	private static void assertNoFailure(List<Exchange> exchanges) {
		assertThat(exchanges).as("requests sent").isNotEmpty();
		assertThat(exchanges).filteredOn((exchange) -> exchange.status() != 200)
			.as("failed requests out of %d", exchanges.size())
			.isEmpty();
	}

	/**
	 * Each instance switches over at its own retry. A session of one instance asked of the other
	 * before that one switched is unknown there (401, and a new session cookie that replaces the
	 * browser's): so first wait until each instance keeps its own new sessions in memcached.
	 */
	private static void awaitBothOnMemcached() {
		for (AppProcess app : List.of(app1, app2)) {
			await(app.process().name() + " on memcached").atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(new WebClient(app.uri("/")).login("demo", "demo").session().store())
					.isEqualTo("memcached"));
		}
		WebClient client = new WebClient(app1.uri("/")).login("demo", "demo");
		for (AppProcess app : List.of(app1, app2)) {
			assertThat(client.at(app.uri("/")).session().store()).as("store of one session on %s", app.process().name())
				.isEqualTo("memcached");
		}
		await("HAProxy sees both instances up").atMost(Duration.ofSeconds(10))
			.until(() -> {
				WebClient probe = throughHaproxy().login("demo", "demo");
				return Set.of(probe.session().instance(), probe.session().instance()).size() == 2;
			});
	}

	private static WebClient throughHaproxy() {
		return new WebClient(URI.create("http://127.0.0.1:" + haproxyPort + "/"));
	}

}
