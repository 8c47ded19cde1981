/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.jdbc;

import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import io.dynamicbean.session.LocalSessionRepository;
import io.dynamicbean.session.SwitchableSessionRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link JdbcSessionRepositoryGenerator} on an in-memory H2 database; the integration
 * tests cover it against a real PostgreSQL server.
 */
public class JdbcSessionRepositoryGeneratorTests {

	private final SwitchableSessionRepository sessions = new SwitchableSessionRepository(new LocalSessionRepository());

	private final DataSource h2 = new DriverManagerDataSource("jdbc:h2:mem:generator-tests;DB_CLOSE_DELAY=-1", "sa", "");

	private JdbcIndexedSessionRepository repository;

	@AfterEach
	void destroy() throws SQLException {
		if (this.repository != null) {
			this.repository.destroy();
		}
		this.h2.getConnection().createStatement().execute("DROP ALL OBJECTS");
	}

	@Test
	void refusesADatabaseWithoutTheSessionTableAndSaysWhatToSet() {
		JdbcSessionRepositoryGenerator generator = new JdbcSessionRepositoryGenerator(this.sessions, this.h2);
		assertThatIllegalStateException().isThrownBy(generator::generate)
			.withMessageContaining("Table SPRING_SESSION cannot be read")
			.withMessageContaining("spring.session.jdbc.initialize-schema=always");
	}

	@Test
	void failsWithAMessageNamingTheDatasourcePropertiesWhenTheDatabaseIsDown() throws SQLException {
		DataSource down = mock(DataSource.class);
		given(down.getConnection()).willThrow(new SQLException("Connection refused"));
		JdbcSessionRepositoryGenerator generator = new JdbcSessionRepositoryGenerator(this.sessions, down);
		assertThatIllegalStateException().isThrownBy(generator::generate)
			.withMessageContaining("Connection refused")
			.withMessageContaining("spring.datasource.*");
	}

	@Test
	void runsTheSchemaInitializerAndKeepsSessionsWithTheFrontsTimeout() throws Exception {
		JdbcSessionRepositoryGenerator generator = new JdbcSessionRepositoryGenerator(this.sessions, this.h2);
		generator.setSchemaInitializer(() -> new ResourceDatabasePopulator(
				new ClassPathResource("org/springframework/session/jdbc/schema-h2.sql"))
			.execute(this.h2));
		generator.setSessionTimeout(Duration.ofMinutes(7));
		this.repository = generator.generate();
		SessionRepository<Session> store = sessionsOf(this.repository);
		Session session = store.createSession();
		session.setAttribute("counter", 41);
		store.save(session);
		Session found = store.findById(session.getId());
		assertThat(found).isNotNull();
		assertThat(found.<Integer>getAttribute("counter")).isEqualTo(41);
		assertThat(found.getMaxInactiveInterval()).isEqualTo(Duration.ofMinutes(7));
	}

	@SuppressWarnings("unchecked")
	public static SessionRepository<Session> sessionsOf(SessionRepository<? extends Session> repository) {
		return (SessionRepository<Session>) repository;
	}

	@Test
	void namesItsBeanAfterTheRepositoryTypeAndItsStoreJdbc() {
		JdbcSessionRepositoryGenerator generator = new JdbcSessionRepositoryGenerator(this.sessions, this.h2);
		assertThat(generator.getBeanName()).isEqualTo("jdbcIndexedSessionRepository");
		assertThat(generator.getStoreName()).isEqualTo("jdbc");
	}

}
