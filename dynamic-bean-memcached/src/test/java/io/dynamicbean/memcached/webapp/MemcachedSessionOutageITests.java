/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.webapp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.dynamicbean.DynamicBeanFactory;
import io.dynamicbean.DynamicBeanState;
import io.dynamicbean.memcached.Gadget;
import io.dynamicbean.memcached.MemcachedServer;
import io.dynamicbean.memcached.MemcachedSessionRepository;
import io.dynamicbean.memcached.support.SessionCodec;
import io.dynamicbean.memcached.webapp.LoadDriver.Sample;
import io.dynamicbean.session.SwitchableSessionRepository;
import io.dynamicbean.session.security.SwitchableSecurityContextRepository;
import io.dynamicbean.session.serialization.DeserializationAllowList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.session.MapSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A running application whose memcached dies, freezes, or holds poisoned or oversized entries:
 * requests keep succeeding, quickly, and the application returns to memcached by itself.
 */
@SpringBootTest(classes = SessionTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "dynamic-bean.memcached.retry-delay=1s", "dynamic-bean.memcached.operation-timeout=200ms",
				"dynamic-bean.memcached.connect-timeout=500ms", "server.address=127.0.0.1" })
@ExtendWith(OutputCaptureExtension.class)
class MemcachedSessionOutageITests {

	private static final String PREFIX = MemcachedSessionRepository.DEFAULT_KEY_PREFIX;

	/**
	 * No request waits on the store for more than its operation timeout (200 ms) and one retry; the
	 * bound leaves a loaded 2-core machine its slack and still tells that from a multi-second hang.
	 * Latency figures are in bench/outage.sh, not here.
	 */
	private static final Duration LATENCY_BOUND = Duration.ofMillis(2000);

	private static final int BROWSERS = 4;

	@RegisterExtension
	static final MemcachedServer memcached = new MemcachedServer();

	@LocalServerPort
	private int port;

	@Autowired
	private DynamicBeanFactory dynamicBeanFactory;

	@Autowired
	private SwitchableSessionRepository sessionRepository;

	@Autowired
	private SwitchableSecurityContextRepository securityContextRepository;

	@DynamicPropertySource
	static void memcachedServers(DynamicPropertyRegistry registry) {
		registry.add("dynamic-bean.memcached.servers", memcached::getAddress);
	}

	@BeforeAll
	static void startMemcached() {
		memcached.start();
	}

	@BeforeEach
	void onMemcached() {
		memcached.resume();
		memcached.start();
		awaitOnMemcached(Duration.ofSeconds(10));
		Gadget.reset();
	}

	@Test
	void keepsServingQuicklyWhileMemcachedIsKilledAndReturnsToItWhenItRestarts() throws Exception {
		outage("kill", memcached::kill, memcached::start);
	}

	@Test
	void keepsServingQuicklyWhileMemcachedIsFrozenAndReturnsToItWhenItResumes() throws Exception {
		outage("freeze", memcached::freeze, memcached::resume);
	}

	private void outage(String name, Runnable fail, Runnable repair) throws Exception {
		List<Sample> outage;
		Duration detected;
		Duration returned;
		List<String> sessionIds;
		WebClient alice = new WebClient(this.port);
		alice.login("alice", "secret");
		assertThat(alice.get("/me").body()).isEqualTo("alice");
		try (LoadDriver load = new LoadDriver(this.port, BROWSERS)) {
			await().atMost(Duration.ofSeconds(10)).until(() -> load.samples().size() >= 20);
			long failedAt = System.nanoTime();
			fail.run();
			await(name + ": switched to local sessions").atMost(Duration.ofSeconds(5))
				.until(() -> "local".equals(this.sessionRepository.getActiveStoreName()));
			detected = Duration.ofNanos(System.nanoTime() - failedAt);
			await(name + ": security contexts local").atMost(Duration.ofSeconds(5))
				.until(() -> "local".equals(this.securityContextRepository.getActiveStoreName()));
			assertThat(alice.get("/me").body()).as("user logged in before the " + name).isEqualTo("alice");
			long localAt = System.nanoTime();
			await().atMost(Duration.ofSeconds(10)).until(() -> load.samplesSince(localAt).size() >= 20);
			long repairedAt = System.nanoTime();
			repair.run();
			awaitOnMemcached(Duration.ofSeconds(5));
			returned = Duration.ofNanos(System.nanoTime() - repairedAt);
			long backAt = System.nanoTime();
			await().atMost(Duration.ofSeconds(10)).until(() -> load.samplesSince(backAt).size() >= 20);
			assertThat(alice.get("/me").body()).as("user logged in before the " + name).isEqualTo("alice");
			outage = load.samplesSince(failedAt);
			sessionIds = new ArrayList<>(load.sessionIds());
			sessionIds.add(alice.sessionId());
		}
		System.out.printf("%s: %d requests from memcached failing to back on memcached; latency max %d ms, p99 %d ms, "
				+ "p50 %d ms; local after %d ms; back on memcached %d ms after repair%n", name, outage.size(),
				LoadDriver.maxLatency(outage).toMillis(), LoadDriver.percentile(outage, 99).toMillis(),
				LoadDriver.percentile(outage, 50).toMillis(), detected.toMillis(), returned.toMillis());
		assertThat(outage).as("requests during and after the " + name).allSatisfy((sample) -> {
			assertThat(sample.status()).as("status (%s)", sample.body()).isEqualTo(200);
			assertThat(sample.latency()).as("latency").isLessThan(LATENCY_BOUND);
			assertThat(sample.continued()).as("session kept (counter %s)", sample.body()).isTrue();
		});
		assertThat(sessionIds).as("sessions back in memcached")
			.allSatisfy((id) -> assertThat(memcached.get(PREFIX + id)).as("item of %s", id).isNotNull());
	}

	@Test
	void givesAFreshSessionForAGarbageEntryPlantedUnderAnUnknownId(CapturedOutput output) {
		String planted = UUID.randomUUID().toString();
		memcached.set(PREFIX + planted, "garbage".getBytes());
		WebClient browser = new WebClient(this.port);
		browser.useSessionId(planted);
		var response = browser.get("/public/counter");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).as("counter of a fresh session").isEqualTo("1");
		assertThat(browser.sessionId()).as("new session id").isNotEqualTo(planted);
		assertThat(output).contains("WARN").contains("Ignoring session entry '" + PREFIX + planted + "'");
	}

	@Test
	void leavesOutAForeignObjectPlantedUnderAnUnknownId() {
		MapSession poisoned = new MapSession(UUID.randomUUID().toString());
		poisoned.setAttribute("counter", new Gadget("boom"));
		memcached.set(PREFIX + poisoned.getId(), encode(poisoned));
		WebClient browser = new WebClient(this.port);
		browser.useSessionId(poisoned.getId());
		var response = browser.get("/public/counter");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).as("counter, its foreign value left out").isEqualTo("1");
		assertThat(Gadget.wasDeserialized()).as("Gadget deserialized").isFalse();
	}

	/**
	 * A poisoned value is left out of the session: the request continues with the session without
	 * it (a fresh counter), and the foreign object is never deserialized. The WARN is logged once
	 * per class and reason, so it may have been logged by another test of this class already.
	 */
	@Test
	void neverDeserializesAForeignObjectPlantedInAKnownSession() {
		WebClient browser = new WebClient(this.port);
		browser.get("/public/counter");
		String id = browser.sessionId();
		MapSession poisoned = new MapSession(id);
		poisoned.setAttribute("counter", new Gadget("boom"));
		// Planted again until a request reads it: on a loaded machine one operation may time out and
		// open the repository's fail-fast window, in which memcached is not read at all.
		await("request reading the poisoned entry").atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			memcached.set(PREFIX + id, encode(poisoned));
			var response = browser.get("/public/counter");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).as("counter, its poisoned value left out").isEqualTo("1");
		});
		assertThat(Gadget.wasDeserialized()).as("Gadget deserialized").isFalse();
		assertThat(browser.get("/public/counter").statusCode()).isEqualTo(200);
	}

	@Test
	void completesRequestsWhoseSessionIsTooLargeForMemcached(CapturedOutput output) {
		WebClient browser = new WebClient(this.port);
		assertThat(browser.get("/public/counter").body()).isEqualTo("1");
		String id = browser.sessionId();
		assertThat(browser.post("/public/grow", "kilobytes=1200").statusCode()).isEqualTo(200);
		assertThat(output).contains("Session '" + PREFIX + id + "' is larger than");
		assertThat(browser.get("/public/counter").body()).as("counter, served locally").isEqualTo("2");
		assertThat(memcached.get(PREFIX + id)).as("memcached item of the oversized session").isNull();
		assertThat(this.dynamicBeanFactory.getStatus("memcachedClient").state()).isEqualTo(DynamicBeanState.ACTIVE);
		browser.post("/public/grow", "kilobytes=1");
		assertThat(browser.get("/public/counter").body()).isEqualTo("3");
		assertThat(memcached.get(PREFIX + id)).as("memcached item once the session shrank").isNotNull();
	}

	private void awaitOnMemcached(Duration atMost) {
		await("memcached chain active").atMost(atMost)
			.until(() -> this.dynamicBeanFactory.getStatuses()
				.stream()
				.allMatch((status) -> status.state() == DynamicBeanState.ACTIVE)
					&& "memcached".equals(this.sessionRepository.getActiveStoreName())
					&& "memcached".equals(this.securityContextRepository.getActiveStoreName()));
	}

	private static byte[] encode(MapSession session) {
		return new SessionCodec(new DeserializationAllowList(List.of(), List.of(), 1 << 20), null).encode(session,
				1 << 20, "key");
	}

}
