/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import java.util.ArrayList;
import java.util.List;

import io.dynamicbean.session.SessionSizeEstimator.SessionSize;
import org.junit.jupiter.api.Test;

import org.springframework.session.MapSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SessionSizeEstimator}.
 */
class SessionSizeEstimatorTests {

	private final MapSession session = new MapSession("0123456789");

	private final long empty = SessionSizeEstimator.estimate(this.session, null).bytes();

	@Test
	void countsStringsByTheirLength() {
		this.session.setAttribute("a", "x".repeat(1_000));

		assertThat(SessionSizeEstimator.estimate(this.session, null).bytes() - this.empty)
			.isEqualTo(SessionSizeEstimator.ATTRIBUTE_OVERHEAD + (40 + 2) + (40 + 2_000));
	}

	@Test
	void countsTheSecurityContextByAFixedEstimate() {
		this.session.setAttribute(EstablishedSessions.SECURITY_CONTEXT_ATTRIBUTE, new Object());

		assertThat(SessionSizeEstimator.estimate(this.session, null).bytes() - this.empty)
			.isEqualTo(SessionSizeEstimator.ATTRIBUTE_OVERHEAD + 40 + 2L * "SPRING_SECURITY_CONTEXT".length()
					+ SessionSizeEstimator.SECURITY_CONTEXT_ESTIMATE);
	}

	@Test
	void countsOtherValuesByTheirSerializedSizeOncePerValue() {
		List<String> cart = new ArrayList<>(List.of("x".repeat(5_000)));
		this.session.setAttribute("cart", cart);
		SessionSize first = SessionSizeEstimator.estimate(this.session, null);

		cart.add("y".repeat(5_000));
		SessionSize again = SessionSizeEstimator.estimate(this.session, first);
		this.session.setAttribute("cart", new ArrayList<>(cart));
		SessionSize changed = SessionSizeEstimator.estimate(this.session, again);

		assertThat(first.bytes() - this.empty).isGreaterThan(5_000);
		assertThat(again.bytes()).as("the same value, changed in place, is not measured again").isEqualTo(first.bytes());
		assertThat(changed.bytes() - first.bytes()).as("a value set again is measured again").isGreaterThan(5_000);
	}

	@Test
	void countsArraysOfPrimitivesByTheirLength() {
		this.session.setAttribute("upload", new byte[600_000]);

		assertThat(SessionSizeEstimator.estimate(this.session, null).bytes() - this.empty).isGreaterThan(600_000);
	}

}
