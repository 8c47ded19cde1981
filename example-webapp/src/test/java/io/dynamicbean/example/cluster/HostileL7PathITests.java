/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.cluster;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.dynamicbean.example.testsupport.AppProcess;
import io.dynamicbean.example.testsupport.FreePorts;
import io.dynamicbean.example.testsupport.ManagedProcess;
import io.dynamicbean.example.testsupport.RawHttp;
import io.dynamicbean.example.testsupport.Servers;
import io.dynamicbean.example.testsupport.WebClient;
import io.dynamicbean.example.web.SessionView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hostile input against the L7 switch of a real cluster: memcached, two instances started from the
 * jar that allow L7 changes from {@code 127.0.0.1} only, and HAProxy on loopback, so that every
 * request it relays comes from that allowed address. Every spelling of {@code PUT /monitor/l7check
 * DOWN} is written by hand on a socket, so that no client normalises it, and sent:
 * <ul>
 * <li>through HAProxy with the project's configuration ({@code scripts/cluster.sh});</li>
 * <li>through HAProxy with the configuration the documentation showed before, which denied only
 * a raw {@code path_beg /monitor/} and did not add {@code X-Forwarded-For}: the instances must
 * hold on their own;</li>
 * <li>straight to an instance from {@code 127.0.0.1}.</li>
 * </ul>
 * After each, both instances must still answer {@code 200 UP} on their own port and HAProxy must
 * still send requests to both.
 */
class HostileL7PathITests {

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

	private static final Path LOGS = Path.of("target", "it", "hostile-l7");

	/** Spellings of the L7 path that Tomcat, Spring or a proxy might decode or normalise to it. */
	private static final List<String> SPELLINGS = List.of("/%6Donitor/l7check", "/monitor/l7%63heck",
			"/%6D%6F%6E%69%74%6F%72/L7%43HECK", "/%6d%6f%6e%69%74%6f%72/l7check", "//monitor/l7check",
			"/monitor//l7check", "/./monitor/l7check", "/x/../monitor/l7check", "/%2e/monitor/l7check",
			"/x/%2E%2E/monitor/l7check", "/monitor;x=y/l7check", "/monitor/l7check;jsessionid=1", "/MONITOR/l7check",
			"/Monitor/L7Check", "/monitor/l7check/", "/monitor%2Fl7check", "/monitor%2fl7check", "/monitor\\l7check",
			"/%5Cmonitor/l7check", "/x/..;/monitor/l7check", "/%6donitor//./l7%43heck;a=b", "/monitor/./l7check",
			"/monitor/l7check?x=/", "/monitor/l7check");

	private static ManagedProcess memcached;

	private static AppProcess app1;

	private static AppProcess app2;

	private static ManagedProcess haproxy;

	private static ManagedProcess legacyHaproxy;

	private static int haproxyPort;

	private static int legacyHaproxyPort;

	private static WebClient throughHaproxy;

	@BeforeAll
	static void startCluster() {
		int memcachedPort = FreePorts.next();
		memcached = Servers.memcached(memcachedPort, LOGS);
		app1 = startApp("app-1", memcachedPort);
		app2 = startApp("app-2", memcachedPort);
		app1.awaitReady(READY_TIMEOUT);
		app2.awaitReady(READY_TIMEOUT);
		List<Integer> backends = List.of(app1.port(), app2.port());
		haproxyPort = FreePorts.next();
		haproxy = Servers.haproxy(haproxyPort, backends, LOGS);
		legacyHaproxyPort = FreePorts.next();
		legacyHaproxy = Servers.haproxy(legacyHaproxyPort, legacyConfiguration(legacyHaproxyPort, backends),
				LOGS.resolve("legacy"));
		await("both instances on memcached").atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(Stream.of(app1, app2)
				.map((app) -> new WebClient(app.uri("/")).login("demo", "demo").session().store())
				.collect(Collectors.toSet())).containsOnly("memcached"));
		throughHaproxy = new WebClient(URI.create("http://127.0.0.1:" + haproxyPort + "/"));
		await("HAProxy routes to both instances").atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(instancesServing(throughHaproxy.login("demo", "demo")))
				.containsOnly("app-1", "app-2"));
	}

	private static AppProcess startApp(String instanceId, int memcachedPort) {
		return AppProcess.start(instanceId, FreePorts.next(), LOGS,
				"--dynamic-bean.memcached.servers=127.0.0.1:" + memcachedPort,
				"--dynamic-bean.memcached.retry-delay=1s", "--dynamic-bean.l7check.allowed-addresses=127.0.0.1");
	}

	/**
	 * The HAProxy front end that docs/l7check.md showed before: a deny on the raw path only, no
	 * {@code X-Forwarded-For}.
	 */
	private static String legacyConfiguration(int port, List<Integer> backendPorts) {
		StringBuilder configuration = new StringBuilder("""
				defaults
				    mode http
				    timeout connect 1s
				    timeout client 30s
				    timeout server 30s

				frontend web
				    bind 127.0.0.1:%d
				    http-request deny deny_status 403 if { path_beg /monitor/ }
				    default_backend apps

				backend apps
				    balance roundrobin
				    option httpchk GET /monitor/l7check
				    http-check expect status 200
				    default-server inter 1s fall 2 rise 2
				""".formatted(port));
		for (int i = 0; i < backendPorts.size(); i++) {
			configuration.append("    server app-").append(i + 1).append(" 127.0.0.1:").append(backendPorts.get(i))
				.append(" check\n");
		}
		return configuration.toString();
	}

	@AfterAll
	static void stopCluster() {
		for (AutoCloseable each : new AutoCloseable[] { legacyHaproxy, haproxy, app1, app2, memcached }) {
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
	void noSpellingOfTheL7PathDrainsAnInstanceThroughTheBalancer() {
		for (String path : SPELLINGS) {
			RawHttp.Response response = RawHttp.exchange("127.0.0.1", haproxyPort, path, "DOWN", Map.of());
			assertCleanRefusal(response, "PUT DOWN " + path + " through HAProxy");
			assertBothUp("PUT DOWN " + path + " through HAProxy");
			assertThat(instancesServing(throughHaproxy)).as("instances HAProxy routes to after PUT DOWN %s", path)
				.containsOnly("app-1", "app-2");
		}
		assertHaproxyKeepsRoutingToBoth();
	}

	@Test
	void noSpellingOfTheL7PathDrainsAnInstanceThroughABalancerThatOnlyDeniesTheRawPath() {
		for (String path : SPELLINGS) {
			RawHttp.Response response = RawHttp.exchange("127.0.0.1", legacyHaproxyPort, path, "DOWN", Map.of());
			assertCleanRefusal(response, "PUT DOWN " + path + " through the legacy HAProxy");
			assertBothUp("PUT DOWN " + path + " through the legacy HAProxy");
		}
	}

	@Test
	void noOtherSpellingOfTheL7PathChangesAnInstanceEvenFromAnAllowedAddress() {
		for (String path : SPELLINGS.subList(0, SPELLINGS.size() - 2)) {
			RawHttp.Response response = RawHttp.exchange("127.0.0.1", app1.port(), path, "DOWN", Map.of());
			assertCleanRefusal(response, "PUT DOWN " + path + " from 127.0.0.1 to app-1");
			assertBothUp("PUT DOWN " + path + " from 127.0.0.1 to app-1");
		}
	}

	@Test
	void aPutRelayedByAnUntrustedProxyIsRefusedEvenFromAnAllowedAddress() {
		for (Map.Entry<String, String> header : Map.of("X-Forwarded-For", "127.0.0.1", "Forwarded", "for=127.0.0.1",
				"X-Forwarded-Host", "example.org", "Via", "1.1 haproxy", "X-Real-IP", "127.0.0.1").entrySet()) {
			RawHttp.Response response = RawHttp.exchange("127.0.0.1", app1.port(), "/monitor/l7check", "DOWN",
					Map.of(header.getKey(), header.getValue()));
			assertThat(response.status()).as("PUT DOWN from 127.0.0.1 to app-1 with %s", header.getKey())
				.isEqualTo(403);
			assertBothUp("PUT DOWN with " + header.getKey());
		}
	}

	@Test
	void aPutStraightToAnInstanceFromAnAllowedAddressStillDrainsAndRestoresIt() {
		try {
			assertThat(RawHttp.put("127.0.0.1", app2.port(), "/monitor/l7check", "DOWN", Map.of()))
				.as("PUT DOWN from 127.0.0.1 to app-2").isEqualTo(503);
			assertThat(WebClient.status(app2.uri("/monitor/l7check"))).as("app-2's check").isEqualTo(503);
		}
		finally {
			assertThat(RawHttp.put("127.0.0.1", app2.port(), "/monitor/l7check", "UP", Map.of()))
				.as("PUT UP from 127.0.0.1 to app-2").isEqualTo(200);
		}
		await("HAProxy routes to both instances again").atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(instancesServing(throughHaproxy)).containsOnly("app-1", "app-2"));
	}

	private static void assertCleanRefusal(RawHttp.Response response, String what) {
		System.out.println("[hostile] " + what + ": " + response.status());
		assertThat(response.status()).as("status of %s, body:\n%s", what, response.body()).isBetween(400, 499);
		assertThat(response.body()).as("body of %s", what)
			.doesNotContain("Exception", "\tat ", "at org.", "at java.", "Caused by");
	}

	private static void assertBothUp(String after) {
		for (AppProcess app : List.of(app1, app2)) {
			assertThat(WebClient.status(app.uri("/monitor/l7check"))).as("%s's own check after %s",
					app.process().name(), after).isEqualTo(200);
		}
	}

	/**
	 * Round-robin without stickiness: two consecutive requests go to both instances while both are
	 * in rotation.
	 */
	private static Set<String> instancesServing(WebClient client) {
		return Stream.of(client.session(), client.session()).map(SessionView::instance).collect(Collectors.toSet());
	}

	/**
	 * A drained instance leaves the rotation after two failed checks a second apart: watch for
	 * longer than that.
	 */
	private static void assertHaproxyKeepsRoutingToBoth() {
		await("HAProxy keeps routing to both instances").during(Duration.ofSeconds(3))
			.atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(250))
			.untilAsserted(() -> assertThat(instancesServing(throughHaproxy)).containsOnly("app-1", "app-2"));
	}

}
