/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import net.spy.memcached.MemcachedClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests of {@link MemcachedClientGenerator} against a real memcached process.
 */
class MemcachedClientGeneratorITests {

	@RegisterExtension
	static final MemcachedServer memcached = new MemcachedServer();

	private MemcachedClient client;

	@AfterEach
	void shutdownClient() {
		if (this.client != null) {
			MemcachedClientGenerator.shutdown(this.client);
		}
		memcached.kill();
	}

	private MemcachedClientGenerator generator() {
		MemcachedClientGenerator generator = new MemcachedClientGenerator();
		generator.setServers(List.of(memcached.getAddress()));
		generator.setOperationTimeout(Duration.ofMillis(200));
		generator.setConnectTimeout(Duration.ofSeconds(1));
		return generator;
	}

	@Test
	void generatesAClientThatTalksToMemcached() throws Exception {
		memcached.start();
		this.client = generator().generate().client();
		assertThat(this.client.set("greeting", 0, "hello").get(1, TimeUnit.SECONDS)).isTrue();
		assertThat(memcached.get("greeting")).as("item written by the generated client").isNotNull();
	}

	@Test
	void failsWithinTheConnectTimeoutWhenMemcachedIsDown() {
		long start = System.nanoTime();
		assertThatExceptionOfType(MemcachedUnavailableException.class).isThrownBy(() -> generator().generate())
			.withMessageContaining(memcached.getAddress())
			.withMessageContaining("answered within the 1000 ms connect timeout: no server accepted a connection");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time to give up").isLessThan(Duration.ofSeconds(3));
	}

	@Test
	void failsWhenMemcachedAcceptsConnectionsButIsFrozen() {
		memcached.start();
		memcached.freeze();
		assertThatExceptionOfType(MemcachedUnavailableException.class).isThrownBy(() -> generator().generate())
			.withMessageContaining("did not answer a version request");
	}

	@Test
	void givesUpWithinTheConnectTimeoutWhenMemcachedIsFrozen() {
		memcached.start();
		memcached.freeze();
		MemcachedClientGenerator generator = generator();
		generator.setConnectTimeout(Duration.ofMillis(300));
		long start = System.nanoTime();
		assertThatExceptionOfType(MemcachedUnavailableException.class).isThrownBy(generator::generate);
		assertThat(Duration.ofNanos(System.nanoTime() - start))
			.as("attempt with a 300 ms connect timeout, its client's shutdown included (200 ms slack for the machine)")
			.isLessThan(Duration.ofMillis(300 + 200));
	}

	@Test
	void treatsAnUnresolvableHostAsAnOutage() {
		MemcachedClientGenerator generator = generator();
		generator.setServers(List.of("memcached.invalid:11211"));
		assertThatExceptionOfType(MemcachedUnavailableException.class).isThrownBy(generator::generate)
			.withMessageContaining("'memcached.invalid:11211' cannot be resolved");
	}

	@Test
	void leaksNoClientThreadsAcrossRepeatedFailedGenerations() {
		int before = clientThreads();
		MemcachedClientGenerator generator = generator();
		generator.setConnectTimeout(Duration.ofMillis(100));
		for (int i = 0; i < 10; i++) {
			assertThatExceptionOfType(MemcachedUnavailableException.class).isThrownBy(generator::generate);
		}
		memcached.start();
		memcached.freeze();
		for (int i = 0; i < 10; i++) {
			assertThatExceptionOfType(MemcachedUnavailableException.class).isThrownBy(generator::generate)
				.withMessageContaining("did not answer a version request");
		}
		await("'Memcached IO' threads of 20 failed generations ending").atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(clientThreads()).isEqualTo(before));
	}

	@Test
	void failsOperationsAtOnceWhenMemcachedIsKilled() throws Exception {
		memcached.start();
		this.client = generator().generate().client();
		memcached.kill();
		for (int i = 0; i < 5; i++) {
			long start = System.nanoTime();
			assertThatExceptionOfType(ExecutionException.class)
				.isThrownBy(() -> this.client.asyncGet("greeting").get(1, TimeUnit.SECONDS))
				.withMessageContaining("Cancelled");
			assertThat(Duration.ofNanos(System.nanoTime() - start))
				.as("time for get #%d to fail (cancelled, not timed out after the 200 ms operation timeout)", i + 1)
				.isLessThan(Duration.ofMillis(200));
		}
		assertThat(this.client.getUnavailableServers()).hasSize(1);
	}

	@Test
	void reconnectsWithinAboutASecondWhenMemcachedComesBack() throws Exception {
		memcached.start();
		this.client = generator().generate().client();
		memcached.kill();
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> this.client.asyncGet("greeting").get(1, TimeUnit.SECONDS));
		memcached.start();
		await("reconnection").atMost(Duration.ofSeconds(3))
			.until(() -> this.client.getAvailableServers().size() == 1);
		assertThat(this.client.set("greeting", 0, "hello").get(1, TimeUnit.SECONDS)).isTrue();
	}

	private static int clientThreads() {
		return (int) Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.isAlive() && thread.getName().startsWith("Memcached IO"))
			.count();
	}

}
