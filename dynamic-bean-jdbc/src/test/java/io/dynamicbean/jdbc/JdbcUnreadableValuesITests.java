/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.jdbc;

import java.util.ArrayList;
import java.util.List;

import io.dynamicbean.session.LocalSessionRepository;
import io.dynamicbean.session.SwitchableSessionRepository;
import io.dynamicbean.session.contract.UnreadableValuesContractTests;
import io.dynamicbean.session.serialization.DeserializationAllowList;
import io.dynamicbean.session.serialization.SessionValueSerializer;
import io.dynamicbean.session.serialization.UnreadableValues;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * A deploy that changes a session-held class, on Spring Session's
 * {@link JdbcIndexedSessionRepository} as {@link JdbcSessionRepositoryGenerator} builds it, on a real
 * PostgreSQL server: directly, and through the switchable front of each release.
 */
class JdbcUnreadableValuesITests {

	private static final PostgresProcess postgres = new PostgresProcess("unreadable");

	private static DriverManagerDataSource dataSource;

	@BeforeAll
	static void startPostgres() {
		postgres.start();
		dataSource = new DriverManagerDataSource(postgres.url(), "postgres", "");
		new ResourceDatabasePopulator(
				new ClassPathResource("org/springframework/session/jdbc/schema-postgresql.sql"))
			.execute(dataSource);
	}

	@AfterAll
	static void stopPostgres() {
		postgres.close();
	}

	abstract static class OnTheDatabase extends UnreadableValuesContractTests {

		private final List<JdbcIndexedSessionRepository> stores = new ArrayList<>();

		@AfterEach
		void stopCleanups() {
			this.stores.forEach(JdbcIndexedSessionRepository::destroy);
		}

		JdbcIndexedSessionRepository store(SwitchableSessionRepository front, SessionValueSerializer serializer) {
			JdbcSessionRepositoryGenerator generator = new JdbcSessionRepositoryGenerator(front, dataSource);
			generator.setValueSerializer(serializer);
			try {
				JdbcIndexedSessionRepository store = generator.generate();
				this.stores.add(store);
				generator.execute();
				return store;
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	@Nested
	class Directly extends OnTheDatabase {

		@Override
		protected Release release(ClassLoader classLoader, DeserializationAllowList allowList) {
			UnreadableValues unreadable = new UnreadableValues("jdbc");
			SwitchableSessionRepository unused = new SwitchableSessionRepository(new LocalSessionRepository());
			return Release.of(store(unused, new SessionValueSerializer(allowList, classLoader, unreadable)),
					unreadable);
		}

	}

	@Nested
	class ThroughTheFront extends OnTheDatabase {

		@Override
		protected Release release(ClassLoader classLoader, DeserializationAllowList allowList) {
			UnreadableValues unreadable = new UnreadableValues("jdbc");
			SwitchableSessionRepository front = new SwitchableSessionRepository(new LocalSessionRepository());
			store(front, new SessionValueSerializer(allowList, classLoader, unreadable));
			return Release.of(front, unreadable);
		}

	}

}
