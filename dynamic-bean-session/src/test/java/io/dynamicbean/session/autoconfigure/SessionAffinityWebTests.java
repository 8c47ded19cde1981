/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.dynamicbean.session.SwitchableSessionRepository;
import io.dynamicbean.session.web.SwitchableSessionRequestFilter;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.session.autoconfigure.SessionAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.session.MapSessionRepository;
import org.springframework.session.Session;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Tests of the affinity cookie (dynamic-bean.session.affinity.*): set while a request's session
 * lives only in this instance's local store, cleared once it is back in the shared store.
 */
class SessionAffinityWebTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(SwitchableSessionAutoConfiguration.class, SessionAutoConfiguration.class))
		.withUserConfiguration(SessionSwitchWebTests.WebConfiguration.class);

	private final Map<String, Session> remoteSessions = new ConcurrentHashMap<>();

	@Test
	void setsTheRouteCookieWhileTheSessionIsLocalOnlyAndClearsItOnceShared() {
		this.runner.withPropertyValues("dynamic-bean.session.affinity.route=app-1",
				"dynamic-bean.session.affinity.release-after=0s").run((context) -> {
			MockMvc mvc = SessionSwitchWebTests.mockMvc(context);
			SwitchableSessionRepository repository = context.getBean(SwitchableSessionRepository.class);

			MockHttpServletResponse local = mvc.perform(get("/counter")).andReturn().getResponse();
			assertThat(routeCookies(local)).as("Set-Cookie while the session is local only")
				.singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
				.startsWith("DYNAMIC_BEAN_ROUTE=app-1")
				.contains("Path=/", "HttpOnly", "SameSite=Lax")
				.doesNotContain("Max-Age");
			Cookie session = local.getCookie("SESSION");
			Cookie route = new Cookie("DYNAMIC_BEAN_ROUTE", "app-1");

			MockHttpServletResponse stillLocal = mvc.perform(get("/counter").cookie(session, route))
				.andReturn()
				.getResponse();
			assertThat(routeCookies(stillLocal)).as("Set-Cookie when the browser already has the route").isEmpty();

			repository.switchTo("memcached", remoteStore(repository));
			MockHttpServletResponse shared = mvc.perform(get("/counter").cookie(session, route))
				.andReturn()
				.getResponse();
			assertThat(shared.getContentAsString()).isEqualTo("3 memcached");
			assertThat(routeCookies(shared)).as("Set-Cookie once the session is shared")
				.singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
				.startsWith("DYNAMIC_BEAN_ROUTE=;")
				.contains("Max-Age=0");

			MockHttpServletResponse sharedAgain = mvc.perform(get("/counter").cookie(session))
				.andReturn()
				.getResponse();
			assertThat(routeCookies(sharedAgain)).as("Set-Cookie of a shared session without the route").isEmpty();
		});
	}

	@Test
	void keepsTheCookieUntilThisInstanceHasBeenOnTheSharedStoreForTheReleaseDelay() {
		this.runner.withPropertyValues("dynamic-bean.session.affinity.route=app-1",
				"dynamic-bean.session.affinity.release-after=1h").run((context) -> {
			MockMvc mvc = SessionSwitchWebTests.mockMvc(context);
			SwitchableSessionRepository repository = context.getBean(SwitchableSessionRepository.class);
			Cookie session = mvc.perform(get("/counter")).andReturn().getResponse().getCookie("SESSION");
			Cookie route = new Cookie("DYNAMIC_BEAN_ROUTE", "app-1");

			repository.switchTo("memcached", remoteStore(repository));
			MockHttpServletResponse shared = mvc.perform(get("/counter").cookie(session, route))
				.andReturn()
				.getResponse();

			assertThat(shared.getContentAsString()).isEqualTo("2 memcached");
			assertThat(routeCookies(shared)).as("Set-Cookie while other instances may still be local").isEmpty();
		});
	}

	@Test
	void setsTheCookieWhenTheRemoteStoreFails() {
		this.runner.withPropertyValues("dynamic-bean.session.affinity.route=app-2",
				"dynamic-bean.session.affinity.cookie-name=ROUTE")
			.run((context) -> {
				MockMvc mvc = SessionSwitchWebTests.mockMvc(context);
				SwitchableSessionRepository repository = context.getBean(SwitchableSessionRepository.class);
				repository.switchTo("memcached", remoteStore(repository));
				Cookie session = mvc.perform(get("/counter")).andReturn().getResponse().getCookie("SESSION");

				repository.switchTo("memcached", new SessionSwitchWebTests.BrokenSessionRepository());
				MockHttpServletResponse response = mvc.perform(get("/counter").cookie(session))
					.andReturn()
					.getResponse();

				assertThat(response.getContentAsString()).isEqualTo("2 local");
				assertThat(routeCookies(response, "ROUTE")).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
					.startsWith("ROUTE=app-2");
			});
	}

	@Test
	void namesThisInstanceInTheWriterCookieOfRequestsThatChangeTheSession() {
		this.runner.withPropertyValues("dynamic-bean.session.affinity.route=app-1").run((context) -> {
			MockMvc mvc = SessionSwitchWebTests.mockMvc(context);
			SwitchableSessionRepository repository = context.getBean(SwitchableSessionRepository.class);
			repository.switchTo("memcached", remoteStore(repository));

			MockHttpServletResponse changed = mvc.perform(get("/counter")).andReturn().getResponse();
			assertThat(routeCookies(changed, "DYNAMIC_BEAN_WRITER")).singleElement(STRING)
				.startsWith("DYNAMIC_BEAN_WRITER=app-1")
				.contains("Path=/", "HttpOnly", "SameSite=Lax");
			assertThat(routeCookies(changed)).as("affinity cookie of a shared session").isEmpty();
			Cookie session = changed.getCookie("SESSION");

			MockHttpServletResponse read = mvc.perform(get("/peek").cookie(session, writer("app-2")))
				.andReturn()
				.getResponse();
			assertThat(read.getContentAsString()).isEqualTo("1");
			assertThat(routeCookies(read, "DYNAMIC_BEAN_WRITER")).as("writer cookie of a read").isEmpty();

			MockHttpServletResponse same = mvc.perform(get("/counter").cookie(session, writer("app-1")))
				.andReturn()
				.getResponse();
			assertThat(routeCookies(same, "DYNAMIC_BEAN_WRITER")).as("writer cookie already carried").isEmpty();
		});
	}

	@Test
	void sendsARequestToTheLastWriterWhenTheStoresFailAndServesItWhereTheBalancerCouldNot() {
		this.runner.withPropertyValues("dynamic-bean.session.affinity.route=app-1").run((context) -> {
			MockMvc mvc = SessionSwitchWebTests.mockMvc(context);
			SwitchableSessionRepository repository = context.getBean(SwitchableSessionRepository.class);
			repository.switchTo("memcached", remoteStore(repository));
			Cookie session = mvc.perform(get("/counter")).andReturn().getResponse().getCookie("SESSION");

			MockHttpServletResponse shared = mvc.perform(get("/counter").cookie(session, writer("app-2")))
				.andReturn()
				.getResponse();
			assertThat(shared.getContentAsString()).as("served from the shared store whoever wrote last")
				.isEqualTo("2 memcached");

			repository.switchTo("memcached", new SessionSwitchWebTests.BrokenSessionRepository());
			MockHttpServletResponse redirected = mvc.perform(get("/counter?x=1").cookie(session, writer("app-2")))
				.andReturn()
				.getResponse();
			assertThat(redirected.getStatus()).isEqualTo(307);
			assertThat(redirected.getHeader(HttpHeaders.LOCATION)).isEqualTo("/counter?x=1");
			assertThat(redirected.getContentAsString()).isEmpty();
			assertThat(routeCookies(redirected)).singleElement(STRING).startsWith("DYNAMIC_BEAN_ROUTE=app-2");
			assertThat(redirected.getCookie("SESSION")).as("session cookie of the redirect").isNull();
			assertThat(context.getBean(SwitchableSessionRequestFilter.class).getWriterRedirectCount())
				.as("writer redirects counted")
				.isEqualTo(1);

			MockHttpServletResponse servedHere = mvc
				.perform(get("/counter").cookie(session, writer("app-2"), new Cookie("DYNAMIC_BEAN_ROUTE", "app-2")))
				.andReturn()
				.getResponse();
			assertThat(servedHere.getContentAsString()).as("served here when app-2 could not be reached")
				.isEqualTo("3 local");

			MockHttpServletResponse mine = mvc.perform(get("/counter").cookie(session, writer("app-1")))
				.andReturn()
				.getResponse();
			assertThat(mine.getContentAsString()).isEqualTo("4 local");
		});
	}

	@Test
	void refusesAWriterCookieNamedAsTheAffinityCookie() {
		this.runner
			.withPropertyValues("dynamic-bean.session.affinity.route=app-1",
					"dynamic-bean.session.affinity.writer-cookie-name=DYNAMIC_BEAN_ROUTE")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("writer-cookie-name must differ from cookie-name"));
	}

	private static Cookie writer(String route) {
		return new Cookie("DYNAMIC_BEAN_WRITER", route);
	}

	@Test
	void setsNoCookieWithoutARoute() {
		this.runner.run((context) -> {
			MockMvc mvc = SessionSwitchWebTests.mockMvc(context);
			assertThat(routeCookies(mvc.perform(get("/counter")).andReturn().getResponse())).isEmpty();
			assertThat(context.getBean(SwitchableSessionRequestFilter.class)).isNotNull();
		});
	}

	@Test
	void refusesARouteThatCannotBeACookieValue() {
		this.runner.withPropertyValues("dynamic-bean.session.affinity.route=app 1;evil").run((context) -> {
			assertThat(context).hasFailed();
			assertThatIllegalArgumentException().isThrownBy(() -> {
				throw (RuntimeException) rootCause(context.getStartupFailure());
			}).withMessageContaining("dynamic-bean.session.affinity.route must be");
		});
	}

	private static Throwable rootCause(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

	private MapSessionRepository remoteStore(SwitchableSessionRepository repository) {
		MapSessionRepository remote = new MapSessionRepository(this.remoteSessions);
		remote.setSessionIdGenerator(repository.getSessionIdGenerator());
		return remote;
	}

	private static List<String> routeCookies(MockHttpServletResponse response) {
		return routeCookies(response, "DYNAMIC_BEAN_ROUTE");
	}

	private static List<String> routeCookies(MockHttpServletResponse response, String name) {
		return response.getHeaders(HttpHeaders.SET_COOKIE).stream().filter((c) -> c.startsWith(name + "=")).toList();
	}

}
