/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session.autoconfigure;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.dynamicbean.session.SwitchableSessionRepository;
import io.dynamicbean.session.web.SwitchableSessionRequestFilter;
import jakarta.servlet.Filter;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.session.autoconfigure.SessionAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.session.MapSession;
import org.springframework.session.MapSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;

/**
 * What the remote store sees of one request through Spring Session's real
 * {@link SessionRepositoryFilter}, when the response is committed before the request ends (a
 * controller that writes and flushes its body): at most one {@code findById} and one
 * {@code save}, thanks to the auto-configured {@link SwitchableSessionRequestFilter}.
 */
class RemoteRoundTripsWebTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(SwitchableSessionAutoConfiguration.class, SessionAutoConfiguration.class))
		.withUserConfiguration(WebConfiguration.class);

	private final CountingSessionRepository remote = new CountingSessionRepository();

	@Test
	void aRequestWithAnEarlyCommittedResponseCostsOneFindByIdAndOneSave() {
		this.runner.run((context) -> {
			MockMvc mvc = mockMvc(context, true);
			Cookie cookie = firstRequestOnTheRemoteStore(context, mvc);

			mvc.perform(get("/flush").cookie(cookie)).andExpect(content().string("2"));

			assertThat(this.remote.findByIds).as("remote findById calls of the request").hasValue(1);
			assertThat(this.remote.saves).as("remote saves of the request").hasValue(1);
			assertThat(this.remote.counter(cookie)).as("counter in the remote store").isEqualTo(2);
		});
	}

	@Test
	void aNewSessionWithAnEarlyCommittedResponseIsSavedOnce() {
		this.runner.run((context) -> {
			MockMvc mvc = mockMvc(context, true);
			context.getBean(SwitchableSessionRepository.class).switchTo("redis", this.remote);

			mvc.perform(get("/flush")).andExpect(content().string("1"));

			assertThat(this.remote.findByIds).as("remote findById calls of the request").hasValue(0);
			assertThat(this.remote.saves).as("remote saves of the request").hasValue(1);
		});
	}

	@Test
	void aChangeAfterTheResponseWasCommittedIsSavedToo() {
		this.runner.run((context) -> {
			MockMvc mvc = mockMvc(context, true);
			Cookie cookie = firstRequestOnTheRemoteStore(context, mvc);

			mvc.perform(get("/flush-then-change").cookie(cookie)).andExpect(content().string("2"));

			assertThat(this.remote.findByIds).as("remote findById calls of the request").hasValue(1);
			assertThat(this.remote.saves).as("remote saves of the request (one per commit)").hasValue(2);
			assertThat(this.remote.sessions.get(SessionSwitchWebTests.sessionId(cookie)).<Boolean>getAttribute("late"))
				.as("attribute set after the response was committed")
				.isTrue();
		});
	}

	@Test
	void theNextRequestSeesWhatAnotherInstanceWroteMeanwhile() {
		this.runner.run((context) -> {
			MockMvc mvc = mockMvc(context, true);
			Cookie cookie = firstRequestOnTheRemoteStore(context, mvc);
			mvc.perform(get("/flush").cookie(cookie)).andExpect(content().string("2"));
			MapSession writtenElsewhere = this.remote.findById(SessionSwitchWebTests.sessionId(cookie));
			writtenElsewhere.setAttribute("counter", 10);
			this.remote.save(writtenElsewhere);

			mvc.perform(get("/flush").cookie(cookie)).andExpect(content().string("11"));
		});
	}

	@Test
	void withoutTheRequestFilterSpringSessionCostsTwoFindByIdsAndTwoSaves() {
		this.runner.run((context) -> {
			MockMvc mvc = mockMvc(context, false);
			Cookie cookie = firstRequestOnTheRemoteStore(context, mvc);

			mvc.perform(get("/flush").cookie(cookie)).andExpect(content().string("2"));

			assertThat(this.remote.findByIds).as("remote findById calls of the request").hasValue(2);
			assertThat(this.remote.saves).as("remote saves of the request").hasValue(2);
		});
	}

	private Cookie firstRequestOnTheRemoteStore(WebApplicationContext context, MockMvc mvc) throws Exception {
		context.getBean(SwitchableSessionRepository.class).switchTo("redis", this.remote);
		Cookie cookie = mvc.perform(get("/flush")).andExpect(content().string("1")).andReturn().getResponse()
			.getCookie("SESSION");
		this.remote.reset();
		return cookie;
	}

	private static MockMvc mockMvc(WebApplicationContext context, boolean withRequestFilter) {
		Filter sessionFilter = context.getBean(SessionRepositoryFilter.class);
		Filter[] filters = withRequestFilter
				? new Filter[] { context.getBean(SwitchableSessionRequestFilter.class), sessionFilter }
				: new Filter[] { sessionFilter };
		return MockMvcBuilders.webAppContextSetup(context).addFilters(filters).build();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebMvc
	@Import(FlushingController.class)
	static class WebConfiguration {

	}

	/**
	 * Counts in the session and commits the response before returning, by flushing its body.
	 */
	@RestController
	static class FlushingController {

		@GetMapping("/flush")
		void flush(HttpSession session, HttpServletResponse response) throws IOException {
			writeAndFlush(response, count(session));
		}

		@GetMapping("/flush-then-change")
		void flushThenChange(HttpSession session, HttpServletResponse response) throws IOException {
			writeAndFlush(response, count(session));
			session.setAttribute("late", true);
		}

		private static int count(HttpSession session) {
			Integer counter = (Integer) session.getAttribute("counter");
			int next = (counter != null) ? counter + 1 : 1;
			session.setAttribute("counter", next);
			return next;
		}

		private static void writeAndFlush(HttpServletResponse response, int counter) throws IOException {
			PrintWriter writer = response.getWriter();
			writer.print(counter);
			writer.flush();
			assertThat(response.isCommitted()).as("response committed by the flush").isTrue();
		}

	}

	/**
	 * A remote store that counts the calls it receives.
	 */
	static class CountingSessionRepository implements SessionRepository<MapSession> {

		final Map<String, Session> sessions = new ConcurrentHashMap<>();

		final AtomicInteger findByIds = new AtomicInteger();

		final AtomicInteger saves = new AtomicInteger();

		private final MapSessionRepository delegate = new MapSessionRepository(this.sessions);

		@Override
		public MapSession createSession() {
			return this.delegate.createSession();
		}

		@Override
		public void save(MapSession session) {
			if (!isEpochMarker(session.getId())) {
				this.saves.incrementAndGet();
			}
			this.delegate.save(session);
		}

		@Override
		public @Nullable MapSession findById(String id) {
			if (!isEpochMarker(id)) {
				this.findByIds.incrementAndGet();
			}
			return this.delegate.findById(id);
		}

		@Override
		public void deleteById(String id) {
			this.delegate.deleteById(id);
		}

		/**
		 * The front reads (and writes) its epoch marker once when a store is switched in: not a
		 * round trip of any request.
		 */
		private static boolean isEpochMarker(String id) {
			return SwitchableSessionRepository.EPOCH_MARKER_SESSION_ID.equals(id);
		}

		void reset() {
			this.findByIds.set(0);
			this.saves.set(0);
		}

		@Nullable Integer counter(Cookie cookie) {
			return this.sessions.get(SessionSwitchWebTests.sessionId(cookie)).getAttribute("counter");
		}

	}

}
