/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.cluster;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import javax.tools.ToolProvider;

import io.dynamicbean.example.testsupport.AppProcess;
import io.dynamicbean.example.testsupport.FreePorts;
import io.dynamicbean.example.testsupport.ManagedProcess;
import io.dynamicbean.example.testsupport.Servers;
import io.dynamicbean.example.testsupport.TrafficLoop;
import io.dynamicbean.example.testsupport.TrafficLoop.Exchange;
import io.dynamicbean.example.testsupport.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rolling deploy of a release whose session-held class changed, end to end: memcached, two
 * instances of the example behind HAProxy, logged-in users under load, each with a
 * {@code Visit} (the example's own session value) in the session. One instance is replaced by a
 * build whose {@code Visit} has another {@code serialVersionUID}, then the other, then the first
 * is rolled back. No user loses the login, no request fails, and the visit is read again by
 * every instance whose class can read it: the instances that could not read it kept its bytes.
 *
 * <p>The changed build is the application jar, extracted with Spring Boot's jar mode, with the
 * changed {@code Visit} (compiled here from the example's own source) ahead of it on the class
 * path. Each replacement drains the instance first (L7 check DOWN, as an operator does).
 */
class RollingDeployITests {

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

	private static final Path LOGS = Path.of("target", "it", "rolling-deploy");

	private static final Path VISIT_SOURCE = Path.of("src", "main", "java", "io", "dynamicbean", "example", "visit",
			"Visit.java");

	private static final int USERS = 3;

	private static final JsonMapper json = JsonMapper.builder().build();

	private static ManagedProcess memcached;

	private static ManagedProcess haproxy;

	private static final AppProcess[] apps = new AppProcess[2];

	private static int memcachedPort;

	private static int haproxyPort;

	private static List<Path> changedRelease;

	@BeforeAll
	static void startCluster() throws IOException {
		changedRelease = changedReleaseClassPath();
		memcachedPort = FreePorts.next();
		memcached = Servers.memcached(memcachedPort, LOGS);
		int[] ports = { FreePorts.next(), FreePorts.next() };
		for (int i = 0; i < apps.length; i++) {
			apps[i] = startApp(i, ports[i], null);
		}
		for (AppProcess app : apps) {
			app.awaitReady(READY_TIMEOUT);
		}
		haproxyPort = FreePorts.next();
		haproxy = Servers.haproxy(haproxyPort, List.of(ports[0], ports[1]), LOGS);
	}

	@AfterAll
	static void stopCluster() {
		for (AutoCloseable each : new AutoCloseable[] { haproxy, apps[0], apps[1], memcached }) {
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
	void rollingDeployOfAChangedSessionClassLogsNobodyOutAndLosesNoValue() {
		List<WebClient> users = new ArrayList<>();
		List<String> sessionIds = new ArrayList<>();
		for (int i = 0; i < USERS; i++) {
			WebClient user = throughHaproxy().login("demo", "demo");
			assertThat(visit(user.get("/visit?page=page-" + i))).as("visit remembered").isEqualTo("page-" + i);
			users.add(user);
			sessionIds.add(user.session().sessionId());
		}
		List<TrafficLoop> loops = users.stream()
			.map((user) -> TrafficLoop.start(user, Duration.ofMillis(25), 100_000, Duration.ofSeconds(170)))
			.toList();
		List<List<Exchange>> served;
		try {
			replace(1, changedRelease, loops);
			assertVisits(users, 0, (i) -> "page-" + i, "an instance of the release that wrote the visits");
			assertVisits(users, 1, (i) -> null, "an instance of the changed release");

			replace(0, changedRelease, loops);
			assertVisits(users, 0, (i) -> null, "an instance of the changed release");

			replace(1, null, loops);
			assertVisits(users, 1, (i) -> "page-" + i, "an instance rolled back to the release that wrote the visits");
			// taken before closing the loops, which interrupts the request in flight
			served = loops.stream().map(TrafficLoop::exchanges).toList();
		}
		finally {
			loops.forEach(TrafficLoop::close);
		}
		for (int i = 0; i < USERS; i++) {
			List<Exchange> exchanges = served.get(i);
			String sessionId = sessionIds.get(i);
			System.out.printf("[figures] user %d: %d requests during the rolling deploy%n", i, exchanges.size());
			assertThat(exchanges).as("requests of user %d during the rolling deploy", i).isNotEmpty().allSatisfy((exchange) -> {
				assertThat(exchange.status()).as("status (%s)", exchange.error()).isEqualTo(200);
				assertThat(exchange.session().sessionId()).as("session of the login").isEqualTo(sessionId);
			});
			assertThat(exchanges).extracting(Exchange::instance).as("instances that served user %d", i)
				.contains("app-1", "app-2");
		}
	}

	/**
	 * Drain an instance through its L7 check, stop it, and start the given build on its port.
	 * @param classPath the build's class path, or {@code null} for the application jar
	 */
	private static void replace(int index, List<Path> classPath, List<TrafficLoop> loops) {
		AppProcess old = apps[index];
		String name = "app-" + (index + 1);
		String other = "app-" + (2 - index);
		assertThat(new WebClient(old.uri("/")).putText("/monitor/l7check", "DOWN").status()).as("PUT DOWN on %s", name)
			.isEqualTo(503);
		await("HAProxy sends every request to " + other).atMost(Duration.ofSeconds(10))
			.until(() -> loops.stream().allMatch((loop) -> loop.last(5).stream()
				.allMatch((exchange) -> exchange.instance().equals(other))));
		old.close();
		apps[index] = startApp(index, old.port(), classPath).awaitReady(READY_TIMEOUT);
		await("HAProxy sends requests to the new " + name).atMost(Duration.ofSeconds(15))
			.until(() -> loops.stream().allMatch((loop) -> loop.last(6).stream()
				.anyMatch((exchange) -> exchange.instance().equals(name))));
	}

	private static void assertVisits(List<WebClient> users, int index, IntFunction<String> expected, String what) {
		for (int i = 0; i < users.size(); i++) {
			WebClient direct = WebClient.withSessionCookie(apps[index].uri("/"), users.get(i).sessionCookie());
			WebClient.Response response = direct.get("/visit");
			assertThat(response.status()).as("GET /visit of user %d on %s: %s", i, what, response.body()).isEqualTo(200);
			assertThat(visit(response)).as("visit of user %d read by %s", i, what).isEqualTo(expected.apply(i));
		}
	}

	private static String visit(WebClient.Response response) {
		assertThat(response.status()).as("GET /visit answered %s", response.body()).isEqualTo(200);
		return json.readTree(response.body()).path("page").asString(null);
	}

	private static WebClient throughHaproxy() {
		return new WebClient(URI.create("http://127.0.0.1:" + haproxyPort + "/"));
	}

	private static AppProcess startApp(int index, int port, List<Path> classPath) {
		String[] arguments = { "--dynamic-bean.memcached.servers=127.0.0.1:" + memcachedPort,
				"--dynamic-bean.memcached.retry-delay=1s", "--dynamic-bean.l7check.allowed-addresses=127.0.0.1" };
		String name = "app-" + (index + 1);
		return (classPath != null) ? AppProcess.startFromClassPath(name, port, LOGS, classPath, arguments)
				: AppProcess.start(name, port, LOGS, arguments);
	}

	/**
	 * The application jar, extracted, with a {@code Visit} of another {@code serialVersionUID}
	 * ahead of it: the build of a release that changed the class.
	 */
	private static List<Path> changedReleaseClassPath() throws IOException {
		Path release = LOGS.resolve("release-2");
		Path jar = AppProcess.extractedJar(release.resolve("app"));
		String source = Files.readString(VISIT_SOURCE);
		assertThat(source).as("Visit's serialVersionUID").contains("serialVersionUID = 1L;");
		Path sources = Files.createDirectories(release.resolve("src"));
		Path visit = Files.writeString(sources.resolve("Visit.java"),
				source.replace("serialVersionUID = 1L;", "serialVersionUID = 2L;"));
		Path classes = Files.createDirectories(release.resolve("classes"));
		String libraries = jar.getParent().resolve("lib") + File.separator + "*";
		int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), "-cp",
				jar + File.pathSeparator + libraries, "--release", "17", visit.toString());
		assertThat(status).as("javac status of the changed Visit").isZero();
		return List.of(classes.toAbsolutePath(), jar.toAbsolutePath());
	}

}
