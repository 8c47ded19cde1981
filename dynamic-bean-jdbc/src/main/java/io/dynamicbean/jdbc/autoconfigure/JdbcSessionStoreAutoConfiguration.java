/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.jdbc.autoconfigure;

import javax.sql.DataSource;

import io.dynamicbean.jdbc.JdbcSessionRepositoryGenerator;
import io.dynamicbean.session.SwitchableSessionRepository;
import io.dynamicbean.session.autoconfigure.SessionTimeout;
import io.dynamicbean.session.autoconfigure.SwitchableSessionProperties;
import io.dynamicbean.session.serialization.SessionValueSerializer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.session.jdbc.autoconfigure.JdbcSessionDataSourceScriptDatabaseInitializer;
import org.springframework.boot.session.jdbc.autoconfigure.JdbcSessionProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * Auto-configuration of the JDBC session store, active with
 * {@code dynamic-bean.session.store=jdbc}: the generator of the
 * {@code jdbcIndexedSessionRepository} dynamic bean on the application's {@link DataSource}
 * (Spring Boot's, from {@code spring.datasource.*}), with Boot's {@code spring.session.jdbc.*}:
 * table name, clean-up cron, flush and save modes, and the schema through Boot's
 * {@link JdbcSessionDataSourceScriptDatabaseInitializer} ({@code initialize-schema}: {@code embedded}
 * by default, {@code always} for a database server). The session timeout is
 * {@code spring.session.timeout}, else {@code server.servlet.session.timeout}.
 * {@code dynamic-bean.session.remote.*} sets the retry delay and failure threshold.
 *
 * <p>The application starts whether the database is up or not: Boot's pool connects lazily, and
 * the switchable front serves local sessions until the repository is generated, and again while
 * the {@link io.dynamicbean.session.RemoteStoreFailureMonitor} has it out. Set
 * {@code spring.datasource.hikari.connection-timeout} low (milliseconds, such as {@code 1000}):
 * requests wait that long for a connection while the database is down, until the store is taken
 * out. The generator backs off when the application defines its own
 * {@link JdbcSessionRepositoryGenerator}.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class,
		afterName = { "io.dynamicbean.autoconfigure.DynamicBeanAutoConfiguration",
				"io.dynamicbean.session.autoconfigure.SwitchableSessionAutoConfiguration" })
@ConditionalOnClass({ JdbcIndexedSessionRepository.class, JdbcSessionProperties.class })
@ConditionalOnProperty(name = "dynamic-bean.session.store", havingValue = JdbcSessionRepositoryGenerator.STORE_NAME)
@ConditionalOnBean({ SwitchableSessionRepository.class, DataSource.class })
@EnableConfigurationProperties(JdbcSessionProperties.class)
public final class JdbcSessionStoreAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	JdbcSessionRepositoryGenerator jdbcSessionRepositoryGenerator(SwitchableSessionRepository sessions,
			DataSource dataSource, JdbcSessionProperties sessionProperties, SwitchableSessionProperties switchableProperties,
			Environment environment, ObjectProvider<SessionValueSerializer> sessionValueSerializer,
			ObjectProvider<SessionRepositoryCustomizer<JdbcIndexedSessionRepository>> repositoryCustomizers) {
		JdbcSessionRepositoryGenerator generator = new JdbcSessionRepositoryGenerator(sessions, dataSource);
		switchableProperties.getRemote().applyTo(generator);
		generator.setSessionTimeout(SessionTimeout.of(environment));
		sessionValueSerializer.ifAvailable(generator::setValueSerializer);
		generator.setRepositoryCustomizers(repositoryCustomizers.orderedStream().toList());
		generator.setTableName(sessionProperties.getTableName());
		if (sessionProperties.getCleanupCron() != null) {
			generator.setCleanupCron(sessionProperties.getCleanupCron());
		}
		generator.setFlushMode(sessionProperties.getFlushMode());
		generator.setSaveMode(sessionProperties.getSaveMode());
		// Built on each attempt: finding the platform of the schema script connects to the database.
		generator.setSchemaInitializer(
				() -> new JdbcSessionDataSourceScriptDatabaseInitializer(dataSource, sessionProperties).initializeDatabase());
		return generator;
	}

}
