/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.dynamicbean.example.testsupport.AppProcess;
import io.dynamicbean.example.testsupport.FreePorts;
import io.dynamicbean.example.testsupport.ManagedProcess;
import io.dynamicbean.example.testsupport.Servers;
import io.dynamicbean.example.testsupport.WebClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an operator reads in the example application's {@code /actuator/metrics} through a total
 * memcached outage and its recovery: one instance on one real memcached node, which is killed and
 * started again on the same port. During the outage the store gauge shows the fallback and the
 * sessions logged in meanwhile count as local-only; after the recovery the store is active again,
 * both switches are counted and memcached operations are timed per node.
 */
class SessionMetersITests {

	private static final Path LOGS = Path.of("target", "it", "session-meters");

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String AUTHORIZATION = "Basic "
			+ Base64.getEncoder().encodeToString("demo:demo".getBytes(StandardCharsets.UTF_8));

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final List<AutoCloseable> processes = new ArrayList<>();

	@AfterEach
	void stop() throws Exception {
		for (int i = this.processes.size() - 1; i >= 0; i--) {
			this.processes.get(i).close();
		}
	}

	@Test
	void showTheFallbackDuringATotalOutageAndTheReturnToMemcachedAfterIt() {
		int memcachedPort = FreePorts.next();
		ManagedProcess memcached = started(Servers.memcached(memcachedPort, LOGS));
		String node = "127.0.0.1:" + memcachedPort;
		AppProcess app = started(AppProcess.start("app-1", FreePorts.next(), LOGS,
				"--dynamic-bean.memcached.servers=" + node, "--dynamic-bean.memcached.retry-delay=1s"));
		app.awaitReady(READY_TIMEOUT);
		await("on memcached").atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(loginStore(app)).isEqualTo("memcached"));
		assertThat(value(app, "dynamic.bean.session.store.active", "store:memcached")).as("store gauge, up")
			.isEqualTo(1);

		memcached.kill();
		await("on the fallback").atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(loginStore(app)).isEqualTo("local"));
		await("store gauge during the outage").atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(value(app, "dynamic.bean.session.store.active", "store:memcached"))
				.isZero());
		assertThat(value(app, "dynamic.bean.session.local.sessions", "kind:local-only"))
			.as("sessions logged in during the outage, held only by this instance")
			.isPositive();
		assertThat(value(app, "dynamic.bean.session.store.switches", "to:local")).as("switches to the fallback")
			.isEqualTo(1);

		started(Servers.memcached(memcachedPort, LOGS));
		await("back on memcached").atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(loginStore(app)).isEqualTo("memcached"));
		await("store gauge, back").atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(value(app, "dynamic.bean.session.store.active", "store:memcached"))
				.isEqualTo(1));
		assertThat(value(app, "dynamic.bean.session.store.switches", "to:remote"))
			.as("switches to memcached: at start-up and after the outage")
			.isEqualTo(2);
		JsonNode operations = metric(app, "dynamic.bean.session.store.operations", "operation:gets",
				"outcome:success");
		assertThat(tagValues(operations, "node")).as("nodes of the timed operations").containsExactly(node);
		assertThat(statistic(operations, "COUNT")).as("reads timed").isPositive();
	}

	private <T extends AutoCloseable> T started(T process) {
		this.processes.add(process);
		return process;
	}

	private static String loginStore(AppProcess app) {
		return new WebClient(app.uri("/")).login("demo", "demo").session().store();
	}

	private double value(AppProcess app, String name, String... tags) {
		JsonNode metric = metric(app, name, tags);
		String statistic = metric.get("measurements").get(0).get("statistic").asString();
		return statistic(metric, statistic);
	}

	private static double statistic(JsonNode metric, String statistic) {
		for (JsonNode measurement : metric.get("measurements")) {
			if (statistic.equals(measurement.get("statistic").asString())) {
				return measurement.get("value").asDouble();
			}
		}
		throw new AssertionError("No " + statistic + " in " + metric);
	}

	private static List<String> tagValues(JsonNode metric, String tag) {
		for (JsonNode available : metric.get("availableTags")) {
			if (tag.equals(available.get("tag").asString())) {
				List<String> values = new ArrayList<>();
				available.get("values").forEach((value) -> values.add(value.asString()));
				return values;
			}
		}
		return List.of();
	}

	private JsonNode metric(AppProcess app, String name, String... tags) {
		StringBuilder path = new StringBuilder("/actuator/metrics/").append(name);
		for (int i = 0; i < tags.length; i++) {
			path.append((i == 0) ? "?" : "&").append("tag=").append(tags[i]);
		}
		URI uri = app.uri(path.toString());
		try {
			HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri)
				.header("Authorization", AUTHORIZATION)
				.timeout(Duration.ofSeconds(5))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as("GET %s: %s", uri, response.body()).isEqualTo(200);
			return json.readTree(response.body());
		}
		catch (IOException ex) {
			throw new AssertionError("GET " + uri + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted during GET " + uri, ex);
		}
	}

}
