/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.jdbc;

import io.dynamicbean.session.LocalSessionRepository;
import io.dynamicbean.session.SwitchableSessionRepository;
import io.dynamicbean.session.contract.SessionRepositoryContractTests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * The Spring Session repository contract, run against the switchable front with Spring Session's
 * {@link JdbcIndexedSessionRepository} switched in as {@link JdbcSessionRepositoryGenerator} builds
 * it, on a real PostgreSQL server. The JDBC store writes only changed attributes and saves a deleted
 * session by updating no row; the front never brings it back.
 */
class SwitchableOverJdbcContractITests extends SessionRepositoryContractTests<Session> {

	private static final PostgresProcess postgres = new PostgresProcess("contract");

	private static DriverManagerDataSource dataSource;

	private SwitchableSessionRepository front;

	private JdbcIndexedSessionRepository store;

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

	@BeforeEach
	void switchToTheDatabase() throws Exception {
		this.front = new SwitchableSessionRepository(new LocalSessionRepository());
		JdbcSessionRepositoryGenerator generator = new JdbcSessionRepositoryGenerator(this.front, dataSource);
		this.store = generator.generate();
		generator.execute();
	}

	@AfterEach
	void stopCleanup() {
		this.store.destroy();
	}

	@Override
	protected SessionRepository<Session> getRepository() {
		return this.front;
	}

	@Override
	protected boolean refusesSaveOfDeletedSessionByThrowing() {
		return false;
	}

}
