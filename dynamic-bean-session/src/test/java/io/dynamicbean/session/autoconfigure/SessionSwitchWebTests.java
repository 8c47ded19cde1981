/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.dynamicbean.session.SwitchableSessionRepository;
import io.dynamicbean.session.web.RequestSessions;
import io.dynamicbean.session.web.SwitchableSessionRequestFilter;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
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
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tests of the auto-configured switchable session front behind Spring Session's
 * {@link SessionRepositoryFilter}, through Spring MVC: what a browser sees when the store is
 * switched.
 */
class SessionSwitchWebTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(SwitchableSessionAutoConfiguration.class, SessionAutoConfiguration.class))
		.withUserConfiguration(WebConfiguration.class);

	private final Map<String, Session> remoteSessions = new ConcurrentHashMap<>();

	@Test
	void sessionCreatedLocallyKeepsItsIdAndAttributesAfterTheSwitch() {
		this.runner.run((context) -> {
			MockMvc mvc = mockMvc(context);
			SwitchableSessionRepository repository = context.getBean(SwitchableSessionRepository.class);
			MvcResult first = mvc.perform(get("/counter")).andExpect(content().string("1 local")).andReturn();
			Cookie cookie = first.getResponse().getCookie("SESSION");
			mvc.perform(get("/counter").cookie(cookie)).andExpect(content().string("2 local"));

			repository.switchTo("redis", remoteStore(repository));
			MvcResult afterSwitch = mvc.perform(get("/counter").cookie(cookie))
				.andExpect(content().string("3 redis"))
				.andReturn();

			assertThat(afterSwitch.getResponse().getCookie("SESSION")).as("new session cookie after the switch").isNull();
			assertThat(this.remoteSessions).as("sessions in the remote store").containsOnlyKeys(sessionId(cookie), SwitchableSessionRepository.EPOCH_MARKER_SESSION_ID);
			assertThat(this.remoteSessions.get(sessionId(cookie)).<Integer>getAttribute("counter")).isEqualTo(3);
		});
	}

	@Test
	void newSessionsLandInTheRemoteStoreAfterTheSwitch() {
		this.runner.run((context) -> {
			MockMvc mvc = mockMvc(context);
			SwitchableSessionRepository repository = context.getBean(SwitchableSessionRepository.class);
			repository.switchTo("redis", remoteStore(repository));

			MvcResult result = mvc.perform(get("/counter")).andExpect(content().string("1 redis")).andReturn();

			assertThat(this.remoteSessions).containsOnlyKeys(sessionId(result.getResponse().getCookie("SESSION")),
				SwitchableSessionRepository.EPOCH_MARKER_SESSION_ID);
		});
	}

	@Test
	void requestsKeepWorkingWhileTheRemoteStoreFails() {
		this.runner.run((context) -> {
			MockMvc mvc = mockMvc(context);
			SwitchableSessionRepository repository = context.getBean(SwitchableSessionRepository.class);
			repository.switchTo("redis", remoteStore(repository));
			Cookie cookie = mvc.perform(get("/counter")).andReturn().getResponse().getCookie("SESSION");

			repository.switchTo("redis", new BrokenSessionRepository());
			mvc.perform(get("/counter").cookie(cookie)).andExpect(status().isOk()).andExpect(content().string("2 local"));
			mvc.perform(get("/counter").cookie(cookie)).andExpect(content().string("3 local"));

			repository.switchTo("redis", remoteStore(repository));
			mvc.perform(get("/counter").cookie(cookie)).andExpect(content().string("4 redis"));
		});
	}

	@Test
	void aCookieNamingTheEpochMarkerGetsAFreshSessionAndLeavesTheMarkerAlone() {
		this.runner.run((context) -> {
			MockMvc mvc = mockMvc(context);
			SwitchableSessionRepository repository = context.getBean(SwitchableSessionRepository.class);
			repository.switchTo("redis", remoteStore(repository));
			Session marker = this.remoteSessions.get(SwitchableSessionRepository.EPOCH_MARKER_SESSION_ID);
			Map<String, Object> markerAttributes = attributes(marker);

			for (String forged : new String[] { SwitchableSessionRepository.EPOCH_MARKER_SESSION_ID,
					"dynamic-bean-store-epoch" }) {
				MvcResult result = mvc.perform(get("/counter").cookie(new Cookie("SESSION", base64(forged))))
					.andExpect(content().string("1 redis"))
					.andReturn();
				assertThat(sessionId(result.getResponse().getCookie("SESSION"))).as("session given for '%s'", forged)
					.isNotEqualTo(forged);
			}

			Session markerAfter = this.remoteSessions.get(SwitchableSessionRepository.EPOCH_MARKER_SESSION_ID);
			assertThat(attributes(markerAfter)).as("the marker's attributes").isEqualTo(markerAttributes);
			assertThat(markerAfter.getMaxInactiveInterval()).isEqualTo(marker.getMaxInactiveInterval());
		});
	}

	@Test
	void malformedSessionCookiesGetAFreshSession() {
		this.runner.run((context) -> {
			MockMvc mvc = mockMvc(context);
			SwitchableSessionRepository repository = context.getBean(SwitchableSessionRepository.class);
			repository.switchTo("redis", remoteStore(repository));

			for (String value : new String[] { "not base64 !", base64("short"), base64("a".repeat(4096)),
					base64("0123456789abcdef\r\nflush_all"), base64("../../../../etc/passwd-0123456789"), "",
					"%00%00" }) {
				mvc.perform(get("/counter").cookie(new Cookie("SESSION", value)))
					.andExpect(status().isOk())
					.andExpect(content().string("1 redis"));
			}
			assertThat(this.remoteSessions.keySet()).as("ids in the store").allMatch((id) -> id.length() == 36
					|| id.equals(SwitchableSessionRepository.EPOCH_MARKER_SESSION_ID));
		});
	}

	private static Map<String, Object> attributes(Session session) {
		Map<String, Object> attributes = new java.util.HashMap<>();
		session.getAttributeNames().forEach((name) -> attributes.put(name, session.getAttribute(name)));
		return attributes;
	}

	private static String base64(String id) {
		return Base64.getEncoder().encodeToString(id.getBytes(StandardCharsets.UTF_8));
	}

	private MapSessionRepository remoteStore(SwitchableSessionRepository repository) {
		MapSessionRepository remote = new MapSessionRepository(this.remoteSessions);
		remote.setSessionIdGenerator(repository.getSessionIdGenerator());
		return remote;
	}

	static MockMvc mockMvc(WebApplicationContext context) {
		return MockMvcBuilders.webAppContextSetup(context)
			.addFilters(context.getBean(SwitchableSessionRequestFilter.class),
					context.getBean(SessionRepositoryFilter.class))
			.build();
	}

	static String sessionId(@Nullable Cookie cookie) {
		assertThat(cookie).as("session cookie").isNotNull();
		return new String(Base64.getDecoder().decode(cookie.getValue()), StandardCharsets.UTF_8);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebMvc
	@Import(CounterController.class)
	static class WebConfiguration {

	}

	/**
	 * Counts the requests of a session and tells where the session lives.
	 */
	@RestController
	static class CounterController {

		private final SwitchableSessionRepository repository;

		CounterController(SwitchableSessionRepository repository) {
			this.repository = repository;
		}

		@GetMapping("/counter")
		String counter(HttpSession session, HttpServletRequest request) {
			Integer counter = (Integer) session.getAttribute("counter");
			int next = (counter != null) ? counter + 1 : 1;
			session.setAttribute("counter", next);
			return next + " " + RequestSessions.storeOf(this.repository, request);
		}

		@GetMapping("/peek")
		String peek(HttpSession session) {
			return String.valueOf(session.getAttribute("counter"));
		}

	}

	/**
	 * A remote store that has stopped answering.
	 */
	static class BrokenSessionRepository implements SessionRepository<MapSession> {

		@Override
		public MapSession createSession() {
			throw new IllegalStateException("connection refused");
		}

		@Override
		public void save(MapSession session) {
			throw new IllegalStateException("connection refused");
		}

		@Override
		public @Nullable MapSession findById(String id) {
			throw new IllegalStateException("connection refused");
		}

		@Override
		public void deleteById(String id) {
			throw new IllegalStateException("connection refused");
		}

	}

}
