/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link NodeHealth}.
 */
@ExtendWith(OutputCaptureExtension.class)
class NodeHealthTests {

	private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

	private final MutableClock clock = new MutableClock();

	private final NodeHealth health = new NodeHealth("10.0.0.1:11211", 3, this.clock);

	@Test
	void startsAnswering() {
		assertThat(this.health.getState()).isEqualTo(NodeHealth.State.ANSWERING);
		assertThat(this.health.isAnswering()).isTrue();
		assertThat(this.health.getSince()).isEqualTo(START);
	}

	@Test
	void failsOnTheFirstFailureAndIsDownAfterTheThreshold(CapturedOutput output) {
		this.clock.now = START.plusSeconds(5);
		this.health.failed("timed out");
		assertThat(this.health.getState()).isEqualTo(NodeHealth.State.FAILING);
		assertThat(this.health.isAnswering()).isFalse();
		assertThat(this.health.getSince()).isEqualTo(START.plusSeconds(5));
		this.clock.now = START.plusSeconds(6);
		this.health.failed("timed out");
		assertThat(output).doesNotContain("WARN");
		this.health.failed("refused");
		this.health.failed("refused");
		assertThat(this.health.getState()).isEqualTo(NodeHealth.State.DOWN);
		assertThat(this.health.getSince()).as("since the first failure").isEqualTo(START.plusSeconds(5));
		assertThat(output).containsOnlyOnce("Memcached node 10.0.0.1:11211 is down (3 consecutive failures, the last: "
				+ "refused)");
	}

	@Test
	void logsItsReturnOnceOnlyWhenItWasDown(CapturedOutput output) {
		this.health.failed("timed out");
		this.health.succeeded();
		assertThat(this.health.getState()).isEqualTo(NodeHealth.State.ANSWERING);
		assertThat(output).doesNotContain("answers again");
		for (int i = 0; i < 3; i++) {
			this.health.failed("refused");
		}
		this.clock.now = START.plusSeconds(30);
		this.health.succeeded();
		this.health.succeeded();
		assertThat(output).containsOnlyOnce("Memcached node 10.0.0.1:11211 answers again after 30.0 s down");
		assertThat(this.health.getSince()).isEqualTo(START.plusSeconds(30));
	}

	@Test
	void saysHowManyReconnectAttemptsTheClientMadeWhileItWasDown(CapturedOutput output) {
		for (int i = 0; i < 3; i++) {
			this.health.failed("refused");
		}
		this.health.reconnected(41);
		this.health.reconnected(1);
		this.clock.now = START.plus(Duration.ofSeconds(252));
		this.health.succeeded();
		assertThat(output).containsOnlyOnce("Memcached node 10.0.0.1:11211 answers again after 42 reconnect attempts "
				+ "over 4 min 12 s down; its sessions are served by it again");
	}

	@Test
	void forgetsTheReconnectAttemptsOfAnEarlierOutage(CapturedOutput output) {
		this.health.reconnected(7);
		for (int i = 0; i < 3; i++) {
			this.health.failed("refused");
		}
		this.clock.now = START.plusMillis(1500);
		this.health.succeeded();
		assertThat(output).containsOnlyOnce("Memcached node 10.0.0.1:11211 answers again after 1.5 s down")
			.doesNotContain("reconnect attempt");
	}

	@Test
	void describesDurationsForAnOperator() {
		assertThat(NodeHealth.describe(Duration.ofMillis(850))).isEqualTo("850 ms");
		assertThat(NodeHealth.describe(Duration.ofMillis(12_345))).isEqualTo("12.3 s");
		assertThat(NodeHealth.describe(Duration.ofSeconds(3_725))).isEqualTo("62 min 5 s");
	}

	@Test
	void aSuccessResetsTheCount() {
		this.health.failed("timed out");
		this.health.failed("timed out");
		this.health.succeeded();
		this.health.failed("timed out");
		this.health.failed("timed out");
		assertThat(this.health.getState()).isEqualTo(NodeHealth.State.FAILING);
	}

	@Test
	void isDownFromTheStartWhenItDidNotAnswerWhenFirstTried(CapturedOutput output) {
		this.health.downAtStart("connection refused");
		assertThat(this.health.getState()).isEqualTo(NodeHealth.State.DOWN);
		assertThat(output).containsOnlyOnce("Memcached node 10.0.0.1:11211 is down (connection refused)");
		this.health.failed("refused");
		assertThat(output).containsOnlyOnce("is down");
	}

	private static final class MutableClock extends Clock {

		private Instant now = START;

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
