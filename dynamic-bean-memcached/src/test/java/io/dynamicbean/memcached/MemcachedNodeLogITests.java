/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.dynamicbean.memcached.autoconfigure.actuate.MemcachedStoreMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests of what an operator sees of a real memcached node that dies and comes back:
 * one line when it is down, one when it answers again with the client's reconnect attempts, none
 * per attempt, and the time of each operation per node in the store's meters.
 */
@ExtendWith(OutputCaptureExtension.class)
class MemcachedNodeLogITests {

	private static final Pattern ANSWERS_AGAIN = Pattern
		.compile("INFO .* Memcached node (\\S+) answers again after (\\d+) reconnect attempts over ");

	@RegisterExtension
	static final MemcachedServer node = new MemcachedServer();

	private final Logger spymemcachedLogger = (Logger) LoggerFactory.getLogger("net.spy.memcached");

	private Level spymemcachedLevel;

	private MemcachedCluster cluster;

	@BeforeEach
	void connect() throws Exception {
		this.spymemcachedLevel = this.spymemcachedLogger.getLevel();
		this.spymemcachedLogger.setLevel(Level.INFO);
		node.start();
		MemcachedClientGenerator generator = new MemcachedClientGenerator();
		generator.setServers(List.of(node.getAddress()));
		this.cluster = generator.generate();
	}

	@AfterEach
	void shutdown() {
		this.cluster.shutdown();
		this.spymemcachedLogger.setLevel(this.spymemcachedLevel);
	}

	@Test
	void logsOneLinePerStateChangeOfANodeWithTheReconnectAttemptsInsteadOfOneLinePerAttempt(CapturedOutput output) {
		MemcachedSessionRepository repository = new MemcachedSessionRepository(this.cluster);
		node.kill();
		await().atMost(Duration.ofSeconds(10)).until(() -> failsToRead(repository) && this.cluster.isDown());
		Instant down = this.cluster.getNodes().get(0).since();
		await().atMost(Duration.ofSeconds(15))
			.until(() -> Duration.between(down, Instant.now()).compareTo(Duration.ofSeconds(4)) >= 0);
		node.start();
		await().atMost(Duration.ofSeconds(15)).until(this.cluster::isAnswering);

		assertThat(output).containsOnlyOnce("Memcached node " + node.getAddress() + " is down")
			.containsOnlyOnce("Memcached node " + node.getAddress() + " answers again")
			.doesNotContain("Closing, and reopening")
			.doesNotContain("Error on reconnect");
		Matcher answersAgain = ANSWERS_AGAIN.matcher(output.toString());
		assertThat(answersAgain.find()).as("the 'answers again' line, with the reconnect attempts, in:%n%s", output)
			.isTrue();
		assertThat(Integer.parseInt(answersAgain.group(2))).as("reconnect attempts over at least 4 s at one a second")
			.isGreaterThanOrEqualTo(2);
	}

	@Test
	void timesEachOperationPerNodeInTheStoreMeters() {
		MeterRegistry registry = new SimpleMeterRegistry();
		MemcachedSessionRepository repository = new MemcachedSessionRepository(this.cluster);
		repository.setStoreListener(new MemcachedStoreMetrics("memcached", () -> this.cluster, registry));
		MemcachedSession session = repository.createSession();
		session.setAttribute("cart", "3 items");
		repository.save(session);
		MemcachedSession found = repository.findById(session.getId());
		assertThat(found).isNotNull();
		found.setAttribute("cart", "4 items");
		repository.save(found);
		assertThat(registry.get("dynamic.bean.session.store.operations")
			.tags("node", node.getAddress(), "operation", "add", "outcome", "success")
			.timer()
			.count()).isEqualTo(1);
		assertThat(registry.get("dynamic.bean.session.store.operations")
			.tags("node", node.getAddress(), "operation", "gets", "outcome", "success")
			.timer()
			.count()).isEqualTo(1);
		assertThat(registry.get("dynamic.bean.session.store.operations")
			.tags("node", node.getAddress(), "operation", "cas", "outcome", "success")
			.timer()
			.count()).isEqualTo(1);
		assertThat(registry.get("dynamic.bean.session.size").summary().count()).as("two sessions written")
			.isEqualTo(2);
	}

	private static boolean failsToRead(MemcachedSessionRepository repository) {
		try {
			repository.findById(UUID.randomUUID().toString());
			return false;
		}
		catch (MemcachedUnavailableException ex) {
			return true;
		}
	}

}
