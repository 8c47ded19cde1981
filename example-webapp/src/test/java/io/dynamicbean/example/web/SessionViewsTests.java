/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.web;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests of {@link SessionViews}.
 */
class SessionViewsTests {

	@Test
	void reportsThePlainSpringSessionRepositoryWhenThereIsNoSwitchableFront() {
		SessionViews views = new SessionViews(new InstanceId("app-1"), null);
		MockHttpServletRequest request = new MockHttpServletRequest();

		SessionView first = views.count(request);
		SessionView second = views.count(request);

		assertThat(second.store()).as("store without a SwitchableSessionRepository")
			.isEqualTo(SessionViews.PLAIN_SPRING_SESSION_STORE);
		assertThat(second.instance()).isEqualTo("app-1");
		assertThat(second.sessionId()).as("same session").isEqualTo(first.sessionId());
		assertThat(second.counter()).as("counter after two calls").isEqualTo(2);
	}

	@Test
	void keepsEachNoteAsAnAttributeOfItsOwn() {
		SessionViews views = new SessionViews(new InstanceId("app-1"), null);
		MockHttpServletRequest request = new MockHttpServletRequest();

		views.count(request, "b");
		SessionView view = views.count(request, "a-1");

		assertThat(view.notes()).containsExactly("a-1", "b");
		assertThat(request.getSession().getAttribute(SessionViews.NOTE_ATTRIBUTE_PREFIX + "b")).isEqualTo(true);
	}

	@Test
	void refusesAMalformedNoteName() {
		SessionViews views = new SessionViews(new InstanceId("app-1"), null);

		assertThatIllegalArgumentException().isThrownBy(() -> views.count(new MockHttpServletRequest(), "a b"))
			.withMessageContaining("note must be");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> views.count(new MockHttpServletRequest(), "x".repeat(41)));
	}

}
