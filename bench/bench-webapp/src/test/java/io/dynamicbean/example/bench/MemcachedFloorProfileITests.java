/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.dynamicbean.example.testsupport.AppProcess;
import io.dynamicbean.example.testsupport.FreePorts;
import io.dynamicbean.example.testsupport.ManagedProcess;
import io.dynamicbean.example.testsupport.Servers;
import io.dynamicbean.example.testsupport.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End-to-end tests of the benchmark-only {@code memcached-floor} profile against a real
 * memcached: sessions stay local, and each {@code GET /bench/counter} of a logged-in session
 * costs memcached exactly one get and one set of a session-sized value.
 */
class MemcachedFloorProfileITests {

	private static final Path LOGS = Path.of("target", "it", "memcached-floor");

	private static final int REQUESTS = 20;

	private static int memcachedPort;

	private static ManagedProcess memcached;

	private static AppProcess app;

	@BeforeAll
	static void startMemcachedThenApp() {
		memcachedPort = FreePorts.next();
		memcached = Servers.memcached(memcachedPort, LOGS);
		app = AppProcess.start("memcached-floor-app", FreePorts.next(), LOGS, "--spring.profiles.active=memcached-floor",
				"--example.bench.floor.servers=127.0.0.1:" + memcachedPort)
			.awaitReady(Duration.ofSeconds(90));
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
		if (memcached != null) {
			memcached.close();
		}
	}

	@Test
	void eachBenchRequestCostsOneGetAndOneSetOfASessionSizedValue() {
		WebClient client = new WebClient(app.uri("/")).login("demo", "demo");
		Map<String, Long> before = settledStats();
		for (int i = 1; i <= REQUESTS; i++) {
			WebClient.Response response = client.get(BenchCounterController.PATH);
			assertThat(response.status()).as("GET %s #%d answered %s", BenchCounterController.PATH, i, response.body())
				.isEqualTo(200);
		}
		Map<String, Long> after = settledStats();
		System.out.println("[figures] memcached-floor: " + (after.get("cmd_get") - before.get("cmd_get")) + " gets, "
				+ (after.get("cmd_set") - before.get("cmd_set")) + " sets for " + REQUESTS + " requests");
		assertThat(after.get("cmd_get") - before.get("cmd_get")).as("gets for %d requests", REQUESTS)
			.isEqualTo(REQUESTS);
		assertThat(after.get("cmd_set") - before.get("cmd_set")).as("sets for %d requests", REQUESTS)
			.isEqualTo(REQUESTS);
		String sessionId = client.session().sessionId();
		assertThat(valueBytes(MemcachedFloorFilter.KEY_PREFIX + sessionId)).as("bytes stored for the session")
			.isEqualTo(MemcachedFloorConfiguration.DEFAULT_PAYLOAD_BYTES);
	}

	@Test
	void keepsSessionsLocalAndLeavesMemcachedAloneOnOtherPagesAndAnonymousRequests() {
		WebClient client = new WebClient(app.uri("/")).login("demo", "demo");
		Map<String, Long> before = settledStats();
		assertThat(client.session().store()).as("store of the session").isEqualTo("local");
		assertThat(client.get("/").status()).as("GET /").isEqualTo(200);
		assertThat(WebClient.status(app.uri(BenchCounterController.PATH))).as("anonymous GET %s",
				BenchCounterController.PATH).isEqualTo(401);
		Map<String, Long> after = settledStats();
		assertThat(after).as("memcached statistics before: %s", before)
			.containsEntry("cmd_get", before.get("cmd_get"))
			.containsEntry("cmd_set", before.get("cmd_set"));
	}

	/**
	 * Memcached's statistics once its command counts stopped growing.
	 */
	private static Map<String, Long> settledStats() {
		AtomicReference<Map<String, Long>> last = new AtomicReference<>(Map.of());
		await("memcached commands settle").pollInterval(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5))
			.until(() -> {
				Map<String, Long> now = stats();
				Map<String, Long> previous = last.getAndSet(now);
				return now.get("cmd_get").equals(previous.get("cmd_get"))
						&& now.get("cmd_set").equals(previous.get("cmd_set"));
			});
		return last.get();
	}

	private static Map<String, Long> stats() {
		Map<String, Long> stats = new HashMap<>();
		for (String line : memcachedText("stats").split("\r\n")) {
			String[] parts = line.split(" ");
			if (parts.length == 3 && parts[0].equals("STAT") && parts[2].matches("\\d+")) {
				stats.put(parts[1], Long.parseLong(parts[2]));
			}
		}
		return stats;
	}

	/**
	 * The size of an item's value, from the {@code VALUE <key> <flags> <bytes>} line of a
	 * text-protocol {@code get}; {@code -1} when there is no such item.
	 */
	private static int valueBytes(String key) {
		String answer = memcachedText("get " + key);
		if (!answer.startsWith("VALUE ")) {
			return -1;
		}
		return Integer.parseInt(answer.substring(0, answer.indexOf("\r\n")).split(" ")[3]);
	}

	private static String memcachedText(String command) {
		try (Socket socket = new Socket("127.0.0.1", memcachedPort)) {
			socket.setSoTimeout(2000);
			socket.getOutputStream().write((command + "\r\nquit\r\n").getBytes(StandardCharsets.US_ASCII));
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
