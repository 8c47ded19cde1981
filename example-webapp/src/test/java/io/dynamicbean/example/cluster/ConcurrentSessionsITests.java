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

import io.dynamicbean.example.testsupport.AppProcess;
import io.dynamicbean.example.testsupport.FreePorts;
import io.dynamicbean.example.testsupport.ManagedProcess;
import io.dynamicbean.example.testsupport.Servers;
import io.dynamicbean.example.testsupport.WebClient;
import io.dynamicbean.example.testsupport.WebClient.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Spring Security's concurrent-session control across instances, through a real cluster: three
 * memcached nodes, two application instances with
 * {@code dynamic-bean.session.concurrency.maximum-sessions=1}, and HAProxy balancing round-robin
 * without stickiness. A second login of the user on any instance expires the first, whose next
 * request is treated as expired on both instances; two logins at the same moment never leave two
 * live sessions; "log out everywhere" ends the user's sessions made on both instances.
 */
class ConcurrentSessionsITests {

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

	private static final Path LOGS = Path.of("target", "it", "concurrent-sessions");

	private static final int MEMCACHED_NODES = 3;

	private static final int TRIALS = 20;

	private static final List<ManagedProcess> memcached = new ArrayList<>();

	private static final List<AppProcess> apps = new ArrayList<>();

	private static ManagedProcess haproxy;

	private static URI balancer;

	private final ExecutorService browser = Executors.newFixedThreadPool(2);

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
					"--dynamic-bean.memcached.retry-delay=1s", "--dynamic-bean.session.concurrency.maximum-sessions=1",
					"--dynamic-bean.session.concurrency.expired-url=/login?expired"));
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
	void secondLoginOnTheOtherInstanceExpiresTheFirstSessionWhoseNextRequestIsTreatedAsExpired() {
		String first = new WebClient(apps.get(0).uri("/")).login("demo", "demo").sessionCookie();
		WebClient second = new WebClient(apps.get(1).uri("/")).login("demo", "demo");
		Response next = WebClient.withSessionCookie(apps.get(1).uri("/"), first).get("/session");
		assertThat(next.status()).as("first session's next request, on the other instance, answered %s", next.body())
			.isEqualTo(302);
		assertThat(next.location()).as("where the expired session is sent").contains("/login?expired");
		Response after = WebClient.withSessionCookie(apps.get(0).uri("/"), first).get("/session");
		assertThat(after.status()).as("first session on its own instance afterwards: logged out, answered %s",
				after.body()).isEqualTo(401);
		assertThat(second.session().store()).as("the second session").isEqualTo("memcached");
	}

	@Test
	void twoLoginsAtTheSameMomentOnTwoInstancesNeverLeaveTwoLiveSessions() throws Exception {
		List<String> sessions = new ArrayList<>();
		int admitted = 0;
		for (int trial = 1; trial <= TRIALS; trial++) {
			WebClient one = new WebClient(apps.get(0).uri("/"));
			WebClient two = new WebClient(apps.get(1).uri("/"));
			String oneToken = one.loginPageCsrfToken();
			String twoToken = two.loginPageCsrfToken();
			List<Response> logins = allAtOnce(List.of(() -> one.postLogin("demo", "demo", oneToken),
					() -> two.postLogin("demo", "demo", twoToken)));
			for (Response login : logins) {
				assertThat(login.status()).as("login (trial %d), answered %s", trial, login.body()).isEqualTo(302);
				admitted += login.location().contains("error") ? 0 : 1;
			}
			sessions.add(one.sessionCookie());
			sessions.add(two.sessionCookie());
			assertThat(liveSessions(sessions)).as("live sessions of the user after trial %d", trial)
				.hasSizeLessThanOrEqualTo(1);
		}
		System.out.println("Simultaneous logins admitted: " + admitted + " of " + (2 * TRIALS) + " in " + TRIALS + " trials");
		assertThat(admitted).as("logins admitted in %d trials", TRIALS).isPositive();
	}

	@Test
	void logOutEverywhereEndsTheSessionsMadeOnBothInstances() {
		String onFirst = new WebClient(apps.get(0).uri("/")).login("demo", "demo").sessionCookie();
		WebClient second = new WebClient(balancer).login("demo", "demo");
		String onSecond = second.sessionCookie();
		Response answer = second.postForm("/sessions/logout-everywhere", second.homePageCsrfToken());
		assertThat(answer.status()).as("log out everywhere, answered %s", answer.body()).isEqualTo(303);
		for (String session : List.of(onFirst, onSecond)) {
			for (AppProcess app : apps) {
				Response after = WebClient.withSessionCookie(app.uri("/"), session).get("/session");
				assertThat(after.status()).as("a session of the user on %s after logging out everywhere: logged "
						+ "out (401 to a script), answered %s", app.process().name(), after.body()).isEqualTo(401);
			}
		}
	}

	/**
	 * Return the sessions that still serve a logged-in page on either instance.
	 */
	private static List<String> liveSessions(List<String> sessions) {
		List<String> live = new ArrayList<>();
		for (String session : sessions) {
			if (session == null) {
				continue;
			}
			for (AppProcess app : apps) {
				if (WebClient.withSessionCookie(app.uri("/"), session).get("/session").status() == 200) {
					live.add(session);
					break;
				}
			}
		}
		return live;
	}

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
