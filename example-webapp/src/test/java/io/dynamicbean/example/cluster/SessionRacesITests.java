/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.cluster;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.dynamicbean.example.testsupport.AppProcess;
import io.dynamicbean.example.testsupport.FreePorts;
import io.dynamicbean.example.testsupport.ManagedProcess;
import io.dynamicbean.example.testsupport.Servers;
import io.dynamicbean.example.testsupport.WebClient;
import io.dynamicbean.example.testsupport.WebClient.Response;
import io.dynamicbean.example.web.SessionView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Requests of one logged-in session that race each other, through a real cluster: three memcached
 * nodes, two application instances, and HAProxy balancing round-robin without stickiness. Each
 * request of a page's parallel burst keeps its change, and a logout stays a logout on both
 * instances whatever requests of the session were in flight.
 */
class SessionRacesITests {

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

	private static final Path LOGS = Path.of("target", "it", "session-races");

	private static final int MEMCACHED_NODES = 3;

	private static final List<ManagedProcess> memcached = new ArrayList<>();

	private static final List<AppProcess> apps = new ArrayList<>();

	private static ManagedProcess haproxy;

	private static URI balancer;

	private final ExecutorService browser = Executors.newFixedThreadPool(20);

	@BeforeAll
	static void startCluster() {
		List<String> servers = new ArrayList<>();
		for (int i = 0; i < MEMCACHED_NODES; i++) {
			int port = FreePorts.next();
			memcached.add(Servers.memcached(port, LOGS));
			servers.add("127.0.0.1:" + port);
		}
		for (String instance : List.of("app-1", "app-2")) {
			apps.add(AppProcess.start(instance, FreePorts.next(), LOGS,
					"--dynamic-bean.memcached.servers=" + String.join(",", servers),
					"--dynamic-bean.memcached.retry-delay=1s"));
		}
		apps.forEach((app) -> app.awaitReady(READY_TIMEOUT));
		int haproxyPort = FreePorts.next();
		haproxy = Servers.haproxy(haproxyPort, apps.stream().map(AppProcess::port).toList(), LOGS);
		balancer = URI.create("http://127.0.0.1:" + haproxyPort + "/");
		for (AppProcess app : apps) {
			await(app.process().name() + " on memcached").atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(new WebClient(app.uri("/")).login("demo", "demo").session().store())
					.isEqualTo("memcached"));
		}
	}

	@AfterAll
	static void stopCluster() {
		List<AutoCloseable> all = new ArrayList<>();
		all.add(haproxy);
		all.addAll(apps);
		all.addAll(memcached);
		for (AutoCloseable each : all) {
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

	@AfterEach
	void closeBrowser() {
		this.browser.shutdownNow();
	}

	@Test
	void twentyParallelRequestsOfOneSessionEachKeepTheirChange() throws Exception {
		WebClient client = new WebClient(balancer).login("demo", "demo");
		List<String> notes = IntStream.rangeClosed(1, 20).mapToObj((i) -> "note-" + i).toList();

		List<Response> responses = allAtOnce(notes.stream()
			.<Callable<Response>>map((note) -> () -> client.get("/session?note=" + note))
			.toList());

		assertThat(responses).extracting(Response::status).as("statuses of the parallel requests").containsOnly(200);
		for (AppProcess app : apps) {
			SessionView view = client.at(app.uri("/")).session();
			assertThat(view.store()).isEqualTo("memcached");
			assertThat(view.notes()).as("notes of the session on %s", view.instance())
				.containsExactlyInAnyOrderElementsOf(notes);
		}
	}

	@Test
	void aLogoutRacingTenRequestsInFlightStaysALogoutOnBothInstances() throws Exception {
		for (int trial = 1; trial <= 5; trial++) {
			WebClient client = new WebClient(balancer).login("demo", "demo");
			assertThat(client.session().store()).isEqualTo("memcached");
			String loggedIn = client.sessionCookie();
			WebClient inFlight = WebClient.withSessionCookie(balancer, loggedIn);
			List<Callable<Response>> burst = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				String note = "in-flight-" + i;
				burst.add(() -> inFlight.get("/session?note=" + note));
			}
			String csrfToken = client.homePageCsrfToken();
			burst.add(() -> client.logout(csrfToken));

			List<Response> responses = allAtOnce(burst);

			Response logout = responses.get(responses.size() - 1);
			assertThat(logout.status()).as("logout (trial %d), answered %s", trial, logout.body())
				.isIn(204, 302);
			assertThat(responses).extracting(Response::status).as("statuses (trial %d)", trial)
				.allMatch((status) -> status == 200 || status == 204 || status == 302 || status == 401);
			for (int replay = 0; replay < 3; replay++) {
				for (AppProcess app : apps) {
					Response answer = WebClient.withSessionCookie(app.uri("/"), loggedIn).get("/session");
					assertThat(answer.status()).as("the logged-out session cookie on %s (trial %d), answered %s",
							app.process().name(), trial, answer.body())
						.isNotEqualTo(200);
				}
			}
		}
	}

	/**
	 * Run calls at the same moment, as a page's parallel requests start, and return their results
	 * in the order of the calls.
	 */
	private <T> List<T> allAtOnce(List<Callable<T>> calls) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		List<Future<T>> futures = new ArrayList<>();
		for (Callable<T> call : calls) {
			futures.add(this.browser.submit(() -> {
				start.await();
				return call.call();
			}));
		}
		start.countDown();
		List<T> results = new ArrayList<>();
		for (Future<T> future : futures) {
			results.add(future.get(30, TimeUnit.SECONDS));
		}
		return results;
	}

}
