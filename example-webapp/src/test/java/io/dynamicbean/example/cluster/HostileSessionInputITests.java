/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.cluster;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.dynamicbean.example.testsupport.AppProcess;
import io.dynamicbean.example.testsupport.FreePorts;
import io.dynamicbean.example.testsupport.ManagedProcess;
import io.dynamicbean.example.testsupport.MemcachedText;
import io.dynamicbean.example.testsupport.RawExchange;
import io.dynamicbean.example.testsupport.Servers;
import io.dynamicbean.example.testsupport.WebClient;
import io.dynamicbean.example.web.SessionView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an anonymous client can send to a real cluster (memcached, two instances from the jar,
 * HAProxy round-robin without stickiness) and what it must not achieve: no internal record served
 * as its session, no 5xx or stack trace for a forged or malformed cookie, no change to another
 * user's session, and, during a total outage, no login evicted and no logout forgotten because of
 * a flood of anonymous sessions.
 *
 * <p>The instances hold at most {@value #LOCAL_MAX_SESSIONS} local sessions each, so that a flood
 * of a few thousand requests exceeds what they hold.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileSessionInputITests {

	private static final int LOCAL_MAX_SESSIONS = 300;

	/** Create-and-logout cycles, and anonymous sessions left behind, of the flood. */
	private static final int FLOOD = 2 * LOCAL_MAX_SESSIONS + 100;

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

	private static final Path LOGS = Path.of("target", "it", "hostile-session");

	private static final String KEY_PREFIX = "dynamic-bean:session:";

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private static final List<AppProcess> apps = new ArrayList<>();

	private static ManagedProcess memcached;

	private static ManagedProcess haproxy;

	private static int memcachedPort;

	private static int balancerPort;

	private static URI balancer;

	@BeforeAll
	static void startCluster() {
		memcachedPort = FreePorts.next();
		memcached = Servers.memcached(memcachedPort, LOGS);
		for (String instance : List.of("app-1", "app-2")) {
			apps.add(AppProcess.start(instance, FreePorts.next(), LOGS,
					"--dynamic-bean.memcached.servers=127.0.0.1:" + memcachedPort,
					"--dynamic-bean.memcached.retry-delay=1s", "--dynamic-bean.session.affinity.route=" + instance,
					"--dynamic-bean.session.local.max-sessions=" + LOCAL_MAX_SESSIONS));
		}
		apps.forEach((app) -> app.awaitReady(READY_TIMEOUT));
		balancerPort = FreePorts.next();
		haproxy = Servers.haproxy(balancerPort, apps.stream().map(AppProcess::port).toList(), LOGS);
		balancer = URI.create("http://127.0.0.1:" + balancerPort + "/");
		awaitStore("memcached");
	}

	@AfterAll
	static void stopCluster() {
		List<AutoCloseable> all = new ArrayList<>();
		all.add(haproxy);
		all.addAll(apps);
		all.add(memcached);
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

	@Test
	@Order(1)
	void theEpochMarkerAsACookieIsAFreshSessionWithTheDefaultLifetime() {
		for (String forged : List.of("dynamic-bean.store-epoch", "dynamic-bean-store-epoch")) {
			WebClient client = WebClient.withSessionCookie(balancer, base64(forged)).login("demo", "demo");
			String sessionId = client.session().sessionId();
			assertThat(sessionId).as("session logged in with the cookie '%s'", forged).isNotEqualTo(forged);
			assertThat(MemcachedText.secondsToLive(memcachedPort, KEY_PREFIX + sessionId))
				.as("seconds to live of the login's item")
				.isBetween(1, 1800);

			MemcachedText.delete(memcachedPort, KEY_PREFIX + sessionId);
			List<Integer> statuses = new ArrayList<>();
			await("the login gone from memcached is logged out").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				statuses.add(client.get("/session").status());
				assertThat(statuses.subList(Math.max(0, statuses.size() - 4), statuses.size())).hasSize(4)
					.allSatisfy((status) -> assertThat(status).isBetween(300, 499));
			});
			assertThat(statuses).as("answers once the login is gone from memcached (%s)", forged)
				.allSatisfy((status) -> assertThat(status).isBetween(200, 499));
		}
	}

	@Test
	@Order(2)
	void forgedAndMalformedCookiesGetACleanAnswerAndChangeNoOtherSession() {
		WebClient victim = new WebClient(balancer).login("demo", "demo");
		SessionView before = victim.session();

		int sent = sendHostileCookies("memcached up");

		SessionView after = victim.session();
		assertThat(after.sessionId()).isEqualTo(before.sessionId());
		assertThat(after.counter()).as("the victim's counter after %d hostile requests", sent)
			.isEqualTo(before.counter() + 1);
	}

	@Test
	@Order(3)
	void aFloodOfAnonymousSessionsDuringATotalOutageEvictsNoLoginAndForgetsNoLogout() {
		WebClient loggedOut = new WebClient(balancer).login("demo", "demo");
		loggedOut.session();
		String stolenCookie = loggedOut.sessionCookie();
		List<WebClient> users = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			users.add(new WebClient(balancer).login("demo", "demo"));
		}

		memcached.signal("STOP");
		try {
			awaitStore("local");
			for (int i = 0; i < 3; i++) {
				users.add(new WebClient(balancer).login("demo", "demo"));
			}
			Map<WebClient, SessionView> held = new LinkedHashMap<>();
			users.forEach((user) -> held.put(user, user.session()));
			assertThat(loggedOut.logout().status()).as("logout during the outage").isIn(204, 302);

			flood();
			sendHostileCookies("every store down");

			held.forEach((user, view) -> {
				SessionView now = user.session();
				assertThat(now.sessionId()).as("login of %s after the flood", view.sessionId()).isEqualTo(view.sessionId());
				assertThat(now.counter()).isGreaterThan(view.counter());
			});
		}
		finally {
			memcached.signal("CONT");
		}
		awaitStore("memcached");
		for (int i = 0; i < 4; i++) {
			WebClient.Response replay = WebClient.withSessionCookie(balancer, stolenCookie).get("/session");
			assertThat(replay.status()).as("the logged-out session's cookie replayed after the outage").isBetween(300, 499);
		}
		users.forEach((user) -> assertThat(user.get("/session").status()).as("a login after the outage").isEqualTo(200));
	}

	/**
	 * Create sessions that log out at once, and sessions left behind, through the balancer.
	 */
	private static void flood() {
		for (int i = 0; i < FLOOD; i++) {
			RawExchange page = RawExchange.send(balancerPort, "GET", "/login", Map.of(), "");
			assertThat(page.status()).as("GET /login of the flood").isEqualTo(200);
			String cookies = "SESSION=" + page.cookie("SESSION").orElseThrow() + "; DYNAMIC_BEAN_ROUTE="
					+ page.cookie("DYNAMIC_BEAN_ROUTE").orElse("");
			Matcher token = CSRF.matcher(page.body());
			assertThat(token.find()).as("a CSRF token in the login page").isTrue();
			RawExchange logout = RawExchange.send(balancerPort, "POST", "/logout",
					Map.of("Cookie", cookies, "Content-Type", "application/x-www-form-urlencoded"),
					"_csrf=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8));
			assertThat(logout.status()).as("POST /logout of the flood").isIn(204, 302);
			RawExchange.send(balancerPort, "GET", "/login", Map.of(), "");
		}
	}

	/**
	 * Send cookies no browser of this site would send, through the balancer, and check that each
	 * answer is clean.
	 * @return how many requests were sent
	 */
	private static int sendHostileCookies(String phase) {
		String unknownButWellFormed = base64(UUID.randomUUID().toString());
		List<String> cookieHeaders = List.of("SESSION=!!not-base64!!", "SESSION=" + base64("short"),
				"SESSION=" + base64("a".repeat(4000)), "SESSION=" + base64("0123456789abcdef\r\nflush_all"),
				"SESSION=" + base64("0123456789abcdef 0123"), "SESSION=" + base64("dynamic-bean:session:x"),
				"SESSION=" + base64("../../../../etc/passwd-01234"), "SESSION=" + unknownButWellFormed,
				"SESSION=" + unknownButWellFormed + "; SESSION=" + base64(UUID.randomUUID().toString()), "SESSION=",
				"SESSION", "=;=;;=", "SESSION=\"" + unknownButWellFormed + "\"", "DYNAMIC_BEAN_ROUTE=app-2",
				"DYNAMIC_BEAN_ROUTE=" + "x".repeat(4000), "DYNAMIC_BEAN_ROUTE=../../x", "DYNAMIC_BEAN_WRITER=app-2",
				"DYNAMIC_BEAN_WRITER=no-such-instance", "DYNAMIC_BEAN_WRITER=%3Cscript%3E",
				"DYNAMIC_BEAN_WRITER=app-1; DYNAMIC_BEAN_WRITER=app-2; DYNAMIC_BEAN_ROUTE=app-1; DYNAMIC_BEAN_ROUTE=app-2",
				"SESSION=" + unknownButWellFormed + "; DYNAMIC_BEAN_WRITER=app-2; DYNAMIC_BEAN_ROUTE=app-1",
				"DYNAMIC_BEAN_WRITER=" + "y".repeat(4000));
		int sent = 0;
		for (String cookieHeader : cookieHeaders) {
			for (String path : List.of("/login", "/session", "/")) {
				RawExchange answer = RawExchange.send(balancerPort, "GET", path, Map.of("Cookie", cookieHeader), "");
				sent++;
				assertThat(answer.status()).as("%s: GET %s with Cookie: %.80s", phase, path, cookieHeader)
					.isBetween(200, 499);
				assertThat(answer.body()).as("%s: body of GET %s with Cookie: %.80s", phase, path, cookieHeader)
					.doesNotContain("Exception", "\tat ");
				if (path.equals("/login") && answer.status() == 200) {
					assertThat(answer.cookie("SESSION")).as("%s: session given for Cookie: %.80s", phase, cookieHeader)
						.isPresent();
				}
			}
		}
		return sent;
	}

	private static void awaitStore(String store) {
		for (AppProcess app : apps) {
			await(app.process().name() + " on " + store).atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(new WebClient(app.uri("/")).login("demo", "demo").session().store())
					.isEqualTo(store));
		}
	}

	private static String base64(String value) {
		return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
	}

}
