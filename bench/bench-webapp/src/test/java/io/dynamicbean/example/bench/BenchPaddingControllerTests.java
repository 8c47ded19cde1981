/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.bench;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpSession;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BenchPaddingController}.
 */
class BenchPaddingControllerTests {

	private final BenchPaddingController controller = new BenchPaddingController();

	private final MockHttpSession session = new MockHttpSession();

	@Test
	void setsTheAttributesWithTheBytesSplitEvenly() {
		this.session.setAttribute(BenchCounterController.COUNTER_ATTRIBUTE, 3L);
		assertThat(this.controller.pad(this.session, 10, 20_000).getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(Collections.list(this.session.getAttributeNames())).hasSize(11);
		for (int i = 0; i < 10; i++) {
			assertThat((String) this.session.getAttribute(BenchPaddingController.ATTRIBUTE_PREFIX + i))
				.as("attribute %d", i)
				.hasSize(2_000)
				.startsWith(i + "-");
		}
	}

	@Test
	void removesThePaddingOfAPreviousCallBeyondTheNewCount() {
		this.controller.pad(this.session, 50, 2_000);
		this.controller.pad(this.session, 1, 2_000);
		assertThat(Collections.list(this.session.getAttributeNames()))
			.containsExactly(BenchPaddingController.ATTRIBUTE_PREFIX + 0);
		assertThat((String) this.session.getAttribute(BenchPaddingController.ATTRIBUTE_PREFIX + 0)).hasSize(2_000);
	}

	@Test
	void counterReadsEveryAttributeAndChangesOnlyTheCounter() {
		this.controller.pad(this.session, 10, 2_000);
		this.session.setAttribute(BenchCounterController.COUNTER_ATTRIBUTE, 3L);
		RecordingSession recording = new RecordingSession(this.session);
		assertThat(this.controller.counter(recording.proxy())).isEqualTo("4 2000");
		assertThat(recording.read).containsAll(Collections.list(this.session.getAttributeNames()));
		assertThat(recording.written).containsExactly(BenchCounterController.COUNTER_ATTRIBUTE);
		assertThat(this.session.getAttribute(BenchCounterController.COUNTER_ATTRIBUTE)).isEqualTo(4L);
	}

	@Test
	void refusesMoreThanASessionItemCanHold() {
		assertThat(this.controller.pad(this.session, 10, BenchPaddingController.MAX_BYTES + 1).getStatusCode())
			.isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(this.controller.pad(this.session, BenchPaddingController.MAX_ATTRIBUTES + 1, 10).getStatusCode())
			.isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(Collections.list(this.session.getAttributeNames())).isEmpty();
	}

	/**
	 * A session that records which attributes are read and which are set or removed.
	 */
	private static final class RecordingSession {

		private final HttpSession target;

		private final Set<String> read = new HashSet<>();

		private final List<String> written = new ArrayList<>();

		RecordingSession(HttpSession target) {
			this.target = target;
		}

		HttpSession proxy() {
			return (HttpSession) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { HttpSession.class },
					(proxy, method, args) -> {
						switch (method.getName()) {
							case "getAttribute" -> this.read.add((String) args[0]);
							case "setAttribute", "removeAttribute" -> this.written.add((String) args[0]);
							default -> {
							}
						}
						return method.invoke(this.target, args);
					});
		}

	}

}
