/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.jdbc;

import java.util.ArrayList;
import java.util.List;

import io.dynamicbean.session.SwitchableSessionRepository;
import io.dynamicbean.session.contract.PrincipalIndexContractTests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * The principal index of the front over the JDBC module's {@link JdbcIndexedSessionRepository} on
 * a real PostgreSQL, one repository per instance: the entries are rows of {@code SPRING_SESSION}
 * with one attribute row per member.
 */
class JdbcPrincipalIndexContractITests extends PrincipalIndexContractTests {

	private static final PostgresProcess postgres = new PostgresProcess("index");

	private static DriverManagerDataSource dataSource;

	private final List<JdbcIndexedSessionRepository> stores = new ArrayList<>();

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

	@AfterEach
	void stopCleanup() {
		this.stores.forEach(JdbcIndexedSessionRepository::destroy);
	}

	@Override
	protected SessionRepository<? extends Session> newStore(SwitchableSessionRepository front) {
		try {
			JdbcIndexedSessionRepository store = new JdbcSessionRepositoryGenerator(front, dataSource).generate();
			this.stores.add(store);
			return store;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
