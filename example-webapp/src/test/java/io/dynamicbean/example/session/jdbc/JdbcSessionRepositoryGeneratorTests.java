/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.session.jdbc;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.dynamicbean.example.testsupport.FreePorts;
import io.dynamicbean.session.LocalSessionRepository;
import io.dynamicbean.session.SwitchableSessionRepository;
import org.junit.jupiter.api.Test;

import org.springframework.session.Session;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link JdbcSessionRepositoryGenerator} on embedded H2, and with nothing listening;
 * {@code JdbcProfileITests} covers it against H2 in server mode.
 */
class JdbcSessionRepositoryGeneratorTests {

	private final SwitchableSessionRepository sessions = new SwitchableSessionRepository(new LocalSessionRepository());

	@Test
	void createsTheTablesAndKeepsSessionsAfterTheSwitch() throws Exception {
		JdbcSessionRepositoryGenerator generator = generator(embeddedUrl());
		JdbcIndexedSessionRepository repository = generator.generate();
		repository.afterPropertiesSet();
		try {
			generator.execute();
			assertThat(this.sessions.getActiveStoreName()).isEqualTo("jdbc");
			Session session = this.sessions.createSession();
			session.setAttribute("counter", 7L);
			this.sessions.save(session);
			Session found = repository.findById(session.getId());
			assertThat(found).as("the session read from the database itself").isNotNull();
			assertThat(found.<Long>getAttribute("counter")).isEqualTo(7L);
		}
		finally {
			repository.destroy();
		}
	}

	@Test
	void usesTablesThatExistAlready() throws Exception {
		String url = embeddedUrl();
		generator(url).generate().destroy();
		JdbcIndexedSessionRepository second = generator(url).generate();
		second.destroy();
	}

	@Test
	void refusesMissingTablesWhenNotAllowedToCreateThem() {
		JdbcSessionProperties properties = properties(embeddedUrl());
		properties.setInitializeSchema(false);
		assertThatIllegalStateException().isThrownBy(new JdbcSessionRepositoryGenerator(properties, this.sessions)::generate)
			.withMessageContaining("SPRING_SESSION does not exist")
			.withMessageContaining("example.session.jdbc.initialize-schema");
	}

	@Test
	void failsWithAMessageNamingTheDatabaseAndLeavesNoPoolThreadBehind() {
		JdbcSessionRepositoryGenerator generator = generator(
				"jdbc:h2:tcp://127.0.0.1:" + FreePorts.next() + "/mem:sessions");
		for (int attempt = 0; attempt < 3; attempt++) {
			assertThatIllegalStateException().isThrownBy(generator::generate)
				.withMessageContaining("did not accept a connection")
				.withMessageContaining("example.session.jdbc");
		}
		await("pool threads gone").atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(poolThreads()).as("threads of the half-built pools").isEmpty());
	}

	private JdbcSessionRepositoryGenerator generator(String url) {
		return new JdbcSessionRepositoryGenerator(properties(url), this.sessions);
	}

	private static JdbcSessionProperties properties(String url) {
		JdbcSessionProperties properties = new JdbcSessionProperties();
		properties.setUrl(url);
		properties.setConnectTimeout(Duration.ofMillis(250));
		return properties;
	}

	private static String embeddedUrl() {
		return "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
	}

	private static List<String> poolThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(Thread::isAlive)
			.map(Thread::getName)
			.filter((name) -> name.startsWith("example-session-jdbc"))
			.toList();
	}

}
