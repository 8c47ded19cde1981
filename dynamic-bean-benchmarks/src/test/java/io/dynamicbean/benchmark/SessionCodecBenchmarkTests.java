/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.benchmark;

import io.dynamicbean.memcached.support.SessionCodec;
import io.dynamicbean.memcached.support.SessionEntry;
import io.dynamicbean.session.serialization.DeserializationAllowList;
import org.junit.jupiter.api.Test;

import org.springframework.security.core.context.SecurityContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SessionCodecBenchmark}: each benchmark does the work it claims.
 */
class SessionCodecBenchmarkTests {

	private final SessionCodecBenchmark benchmark = new SessionCodecBenchmark();

	@Test
	void readsTheLoggedInSessionWithAndWithoutTheCache() throws Exception {
		this.benchmark.encodeSession();
		for (SessionEntry entry : new SessionEntry[] { this.benchmark.decode(), this.benchmark.decodeEveryValue() }) {
			SecurityContext context = (SecurityContext) entry.getValues().get("SPRING_SECURITY_CONTEXT");
			assertThat(context.getAuthentication().getName()).isEqualTo("user1");
			assertThat(entry.getValues()).containsEntry("example.bench.counter", 41L).hasSize(4);
		}
		assertThat(this.benchmark.entryLength()).isBetween(1000, 3000);
	}

	@Test
	void writesTheChangedCounterAndKeepsTheLogin() throws Exception {
		this.benchmark.encodeSession();
		byte[] written = this.benchmark.writeCounterChange();
		SessionEntry entry = new SessionCodec(new DeserializationAllowList(), null).decode(written,
				this.benchmark.decode().getId());
		assertThat(entry.getValues()).containsEntry("example.bench.counter", 42L)
			.containsEntry("io.dynamicbean.session.VERSION", 42L)
			.containsKey("SPRING_SECURITY_CONTEXT");
	}

	@Test
	void encodesAndReadsTheLoginInBothEncodings() throws Exception {
		int javaLength = 0;
		for (String encoding : new String[] { "java", "compact" }) {
			SessionCodecBenchmark benchmark = new SessionCodecBenchmark();
			benchmark.encoding = encoding;
			benchmark.encodeSession();
			SecurityContext context = (SecurityContext) benchmark.decodeLogin()
				.getValues()
				.get("SPRING_SECURITY_CONTEXT");
			assertThat(context.getAuthentication().getName()).as("login read in %s", encoding).isEqualTo("user1");
			assertThat(benchmark.decodeEveryValue().getUnreadableValues()).as("unreadable in %s", encoding).isEmpty();
			if (encoding.equals("java")) {
				javaLength = benchmark.loginLength();
			}
			else {
				assertThat(benchmark.loginLength()).as("compact login bytes").isLessThan(javaLength / 3);
			}
		}
	}

	@Test
	void padsTheSessionWithTheAttributesAsked() throws Exception {
		SessionCodecBenchmark benchmark = new SessionCodecBenchmark();
		benchmark.encoding = "compact";
		benchmark.padAttributes = 10;
		benchmark.padBytes = 20_000;
		benchmark.encodeSession();
		SessionEntry entry = benchmark.decodeEveryValue();
		assertThat(entry.getValues()).hasSize(14).containsKey("example.bench.pad.9");
		assertThat((String) entry.getValues().get("example.bench.pad.9")).hasSize(2_000);
		assertThat(benchmark.entryLength()).isBetween(20_000, 21_500);
	}

}
