/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.session;

import io.dynamicbean.DynamicBeanFactory;
import io.dynamicbean.DynamicBeanState;
import io.dynamicbean.DynamicBeanStatus;
import io.dynamicbean.example.ExampleWebApplication;
import io.dynamicbean.example.testsupport.FreePorts;
import io.dynamicbean.session.SwitchableSessionRepository;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

/**
 * Tests of the {@code jdbc} profile.
 */
class JdbcProfileTests {

	@Nested
	@SpringBootTest(classes = ExampleWebApplication.class)
	@AutoConfigureMockMvc
	@ActiveProfiles("jdbc")
	class WithTheEmbeddedDatabase {

		@Autowired
		private MockMvc mvc;

		@Autowired
		private ApplicationContext context;

		@Autowired
		private DynamicBeanFactory dynamicBeanFactory;

		@Autowired
		private SwitchableSessionRepository sessions;

		@Test
		void keepsSessionsInTheDatabaseFromStartUp() {
			DynamicBeanStatus status = this.dynamicBeanFactory.getStatus("jdbcIndexedSessionRepository");
			assertThat(status).isNotNull();
			assertThat(status.state()).isEqualTo(DynamicBeanState.ACTIVE);
			assertThat(this.sessions.getActiveStoreName()).isEqualTo("jdbc");
			Session session = this.sessions.createSession();
			session.setAttribute("counter", 1L);
			this.sessions.save(session);
			Session found = this.sessions.findById(session.getId());
			assertThat(found).isNotNull();
			assertThat(this.sessions.storeOf(found)).isEqualTo("jdbc");
			assertThat(found.<Long>getAttribute("counter")).isEqualTo(1L);
		}

		@Test
		void showsThatTheSessionOfTheRequestLivesInTheDatabase() throws Exception {
			MvcResult login = this.mvc.perform(formLogin().user("demo").password("demo")).andReturn();
			Cookie session = login.getResponse().getCookie("SESSION");
			assertThat(session).as("session cookie after login").isNotNull();
			this.mvc.perform(get("/session").cookie(session))
				.andExpect(jsonPath("$.store").value("jdbc"))
				.andExpect(jsonPath("$.counter").value(1));
			this.mvc.perform(get("/session").cookie(session))
				.andExpect(jsonPath("$.store").value("jdbc"))
				.andExpect(jsonPath("$.counter").value(2));
		}

		@Test
		void invalidatedRepositorySwitchesToLocalSessionsUntilItIsRegeneratedAgain() {
			this.dynamicBeanFactory.invalidate("jdbcIndexedSessionRepository",
					new IllegalStateException("3 consecutive failures"));
			assertThat(this.sessions.getActiveStoreName()).as("store once the repository is invalidated")
				.isEqualTo("local");

			this.dynamicBeanFactory.recover("jdbcIndexedSessionRepository");
			assertThat(this.sessions.getActiveStoreName()).as("store once it is regenerated").isEqualTo("jdbc");
		}

		@Test
		void theSwitchableRepositoryStaysTheSessionRepository() {
			assertThat(this.context.getBean(SessionRepository.class)).isSameAs(this.sessions);
		}

	}

	@Nested
	@SpringBootTest(classes = ExampleWebApplication.class,
			properties = { "dynamic-bean.session.remote.retry-delay=1h", "spring.datasource.hikari.connection-timeout=250" })
	@ActiveProfiles("jdbc")
	class WithTheDatabaseDown {

		@Autowired
		private DynamicBeanFactory dynamicBeanFactory;

		@Autowired
		private SwitchableSessionRepository sessions;

		@DynamicPropertySource
		static void databaseDown(DynamicPropertyRegistry registry) {
			registry.add("spring.datasource.url", () -> "jdbc:h2:tcp://127.0.0.1:" + FreePorts.next() + "/mem:sessions");
		}

		@Test
		void startsAndServesLocalSessions() {
			DynamicBeanStatus status = this.dynamicBeanFactory.getStatus("jdbcIndexedSessionRepository");
			assertThat(status).isNotNull();
			assertThat(status.state()).isEqualTo(DynamicBeanState.FAILED);
			assertThat(status.lastFailure()).hasMessageContaining("Cannot keep sessions in the database")
				.hasMessageContaining("spring.datasource");
			assertThat(this.sessions.getActiveStoreName()).isEqualTo("local");
		}

	}

}
