/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import io.dynamicbean.session.SessionStoreGeneratorAdapter;
import io.dynamicbean.session.SessionStoreSettings;
import io.dynamicbean.session.SwitchableSessionRepository;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.Assert;

/**
 * Generates Spring Session's {@link JdbcIndexedSessionRepository}, bean
 * {@code jdbcIndexedSessionRepository}, on the application's {@link DataSource}, and switches the
 * application's sessions over to it (store name {@value #STORE_NAME}).
 *
 * <p>Each attempt takes a connection from the data source (bounded by the pool's connection
 * timeout, for Hikari {@code spring.datasource.hikari.connection-timeout}), runs the
 * {@link #setSchemaInitializer(Runnable) schema initializer} (the auto-configuration gives Spring
 * Boot's, driven by {@code spring.session.jdbc.initialize-schema}), and checks that the session
 * table exists, with a message that says what to set when it does not. The data source belongs to
 * the application: the bean stops only its own expired-session clean-up when it is removed
 * (invalidated by the {@link io.dynamicbean.session.RemoteStoreFailureMonitor}, or the
 * application stops); the pool reconnects by itself when the database is back.
 *
 * <p>Session attribute values go through the value serializer (Java serialization read back
 * through an allow-list). Defaults: table {@value JdbcIndexedSessionRepository#DEFAULT_TABLE_NAME},
 * clean-up cron {@value JdbcIndexedSessionRepository#DEFAULT_CLEANUP_CRON}, no schema
 * initializer, and those of {@link SessionStoreGeneratorAdapter} (flush mode {@code ON_SAVE}, save
 * mode {@code ON_SET_ATTRIBUTE} among them).
 *
 * <p>Usable on its own, for example to build a repository configured as this module does:
 * <pre class="code">
 * JdbcIndexedSessionRepository repository = new JdbcSessionRepositoryGenerator(sessions, dataSource).generate();
 * </pre>
 */
public class JdbcSessionRepositoryGenerator extends SessionStoreGeneratorAdapter<JdbcIndexedSessionRepository> {

	/**
	 * The name under which {@link SwitchableSessionRepository#storeOf} reports sessions kept here.
	 */
	public static final String STORE_NAME = "jdbc";

	private static final Log logger = LogFactory.getLog(JdbcSessionRepositoryGenerator.class);

	private final DataSource dataSource;

	private String tableName = JdbcIndexedSessionRepository.DEFAULT_TABLE_NAME;

	private String cleanupCron = JdbcIndexedSessionRepository.DEFAULT_CLEANUP_CRON;



	private @Nullable Runnable schemaInitializer;

	/**
	 * Create the generator.
	 * @param sessions the application's switchable session front, not {@code null}
	 * @param dataSource the database of the sessions, not {@code null}
	 */
	public JdbcSessionRepositoryGenerator(SwitchableSessionRepository sessions, DataSource dataSource) {
		super(STORE_NAME, sessions);
		Assert.notNull(dataSource, "dataSource must not be null");
		this.dataSource = dataSource;
	}

	/**
	 * Check the database answers and has the session tables (after the schema initializer), and
	 * build the session repository on it.
	 * @return the repository, ready to use
	 * @throws IllegalStateException when the database cannot be used
	 */
	@Override
	protected JdbcIndexedSessionRepository createRepository() {
		try (Connection connection = this.dataSource.getConnection()) {
			if (this.schemaInitializer != null) {
				this.schemaInitializer.run();
			}
			checkTable(connection);
		}
		catch (SQLException | RuntimeException ex) {
			throw new IllegalStateException("Cannot keep sessions in the database: " + ex.getMessage()
					+ "; check that it runs and the spring.datasource.* properties", ex);
		}
		JdbcIndexedSessionRepository repository = new JdbcIndexedSessionRepository(new JdbcTemplate(this.dataSource),
				new TransactionTemplate(new DataSourceTransactionManager(this.dataSource)));
		repository.setTableName(this.tableName);
		repository.setCleanupCron(this.cleanupCron);
		repository.setConversionService(getValueSerializer().conversionService());
		repository.setIndexResolver(new ColumnSafePrincipalNameIndexResolver());
		repository.afterPropertiesSet();
		logger.info("Keeping sessions in the database, table " + this.tableName);
		return repository;
	}

	/**
	 * Give the repository the front's id generator, the session timeout and the flush and save
	 * modes.
	 */
	@Override
	protected void applySettings(JdbcIndexedSessionRepository repository, SessionStoreSettings settings) {
		repository.setSessionIdGenerator(settings.sessionIdGenerator());
		repository.setDefaultMaxInactiveInterval(settings.sessionTimeout());
		repository.setFlushMode(settings.flushMode());
		repository.setSaveMode(settings.saveMode());
	}

	private void checkTable(Connection connection) {
		try (Statement statement = connection.createStatement()) {
			statement.execute("SELECT 1 FROM " + this.tableName + " WHERE 1 = 0");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Table " + this.tableName + " cannot be read (" + ex.getMessage()
					+ "); create Spring Session's tables or set spring.session.jdbc.initialize-schema=always", ex);
		}
	}

	/**
	 * Set the name of the session table ({@code <name>_ATTRIBUTES} holds the attributes).
	 * @param tableName the name, not empty; {@value JdbcIndexedSessionRepository#DEFAULT_TABLE_NAME}
	 * by default
	 */
	public void setTableName(String tableName) {
		Assert.hasText(tableName, "tableName must not be empty");
		this.tableName = tableName;
	}

	/**
	 * Set when expired sessions are deleted.
	 * @param cleanupCron a cron expression, or {@code "-"} for never, not empty;
	 * {@value JdbcIndexedSessionRepository#DEFAULT_CLEANUP_CRON} by default
	 */
	public void setCleanupCron(String cleanupCron) {
		Assert.hasText(cleanupCron, "cleanupCron must not be empty");
		this.cleanupCron = cleanupCron;
	}

	/**
	 * Set what creates the session tables before each attempt, such as Spring Boot's
	 * {@code JdbcSessionDataSourceScriptDatabaseInitializer::initializeDatabase}; it must do
	 * nothing when they exist.
	 * @param schemaInitializer the initializer, or {@code null} (the default) for none
	 */
	public void setSchemaInitializer(@Nullable Runnable schemaInitializer) {
		this.schemaInitializer = schemaInitializer;
	}

}
