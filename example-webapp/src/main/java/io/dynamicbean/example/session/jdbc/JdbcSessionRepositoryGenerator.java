/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.session.jdbc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dynamicbean.session.SessionStoreGeneratorAdapter;
import io.dynamicbean.session.SwitchableSessionRepository;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.jdbc.datasource.init.ScriptException;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.Assert;
import org.springframework.util.StreamUtils;

/**
 * Generates Spring Session's {@link JdbcIndexedSessionRepository} over a connection pool and
 * switches the application's sessions over to it. Built like
 * {@link io.dynamicbean.example.session.redis.RedisSessionRepositoryGenerator} (read that one
 * first) on the same {@link SessionStoreGeneratorAdapter}: prove the database answers within a
 * bounded time, release the half-built pool on failure, and let the bean close its pool when it
 * is removed.
 *
 * <p>On top of that it creates the Spring Session tables when they are missing (the script of
 * Spring Session for the database found), unless {@code example.session.jdbc.initialize-schema}
 * is {@code false}, in which case it checks that they exist.
 *
 * <p>Active with the {@code jdbc} profile; configured by {@link JdbcSessionProperties}
 * ({@code example.session.jdbc.*}), retried every {@code retry-delay} (30 s by default).
 */
public class JdbcSessionRepositoryGenerator extends SessionStoreGeneratorAdapter<JdbcIndexedSessionRepository> {

	/**
	 * The name under which {@link SwitchableSessionRepository#storeOf} reports sessions kept here.
	 */
	public static final String STORE_NAME = "jdbc";

	private static final Log logger = LogFactory.getLog(JdbcSessionRepositoryGenerator.class);

	/** Spring Session's schema scripts, by a lower-case fragment of the database product name. */
	private static final Map<String, String> PLATFORMS = Map.ofEntries(Map.entry("h2", "h2"),
			Map.entry("postgres", "postgresql"), Map.entry("mysql", "mysql"), Map.entry("mariadb", "mysql"),
			Map.entry("sql server", "sqlserver"), Map.entry("oracle", "oracle"), Map.entry("hsql", "hsqldb"),
			Map.entry("derby", "derby"), Map.entry("db2", "db2"), Map.entry("sqlite", "sqlite"),
			Map.entry("adaptive server", "sybase"));

	private static final String DEFAULT_TABLE_NAME = "SPRING_SESSION";

	private final JdbcSessionProperties properties;

	/**
	 * Create the generator.
	 * @param properties which database and how long to wait for it, not {@code null}
	 * @param sessions the application's switchable session store, not {@code null}
	 */
	public JdbcSessionRepositoryGenerator(JdbcSessionProperties properties, SwitchableSessionRepository sessions) {
		super(STORE_NAME, sessions);
		Assert.notNull(properties, "properties must not be null");
		this.properties = properties;
		setRetryDelay(properties.getRetryDelay());
	}

	/**
	 * Open a connection pool, check the database answers and has the session tables (creating
	 * them if allowed), and build the session repository on the pool.
	 * @return the repository, ready to use
	 * @throws IllegalStateException when the database cannot be used; the pool is closed
	 */
	@Override
	protected JdbcIndexedSessionRepository createRepository() {
		HikariDataSource dataSource = openPool();
		try {
			prepareSchema(dataSource);
		}
		catch (SQLException | RuntimeException ex) {
			dataSource.close();
			throw new IllegalStateException("Cannot keep sessions in the database at " + this.properties.getUrl()
					+ ": " + ex.getMessage(), ex);
		}
		JdbcIndexedSessionRepository repository = new PooledJdbcIndexedSessionRepository(dataSource,
				this.properties.getUrl());
		repository.setTableName(this.properties.getTableName());
		repository.setConversionService(getValueSerializer().conversionService());
		logger.info("Connected to the database at " + this.properties.getUrl());
		return repository;
	}

	/**
	 * Hikari tries to connect when the pool is created and gives up after the connect timeout.
	 */
	private HikariDataSource openPool() {
		HikariConfig config = new HikariConfig();
		config.setPoolName("example-session-jdbc");
		config.setJdbcUrl(this.properties.getUrl());
		config.setUsername(this.properties.getUsername());
		config.setPassword(this.properties.getPassword());
		long timeout = Math.max(250, this.properties.getConnectTimeout().toMillis());
		config.setConnectionTimeout(timeout);
		config.setValidationTimeout(timeout);
		config.setInitializationFailTimeout(timeout);
		config.setMaximumPoolSize(this.properties.getMaximumPoolSize());
		config.setMinimumIdle(1);
		try {
			return new HikariDataSource(config);
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("The database at " + this.properties.getUrl() + " did not accept a "
					+ "connection within " + timeout + " ms; check that it runs and the example.session.jdbc.* "
					+ "properties", ex);
		}
	}

	private void prepareSchema(DataSource dataSource) throws SQLException {
		String table = this.properties.getTableName();
		try (Connection connection = dataSource.getConnection()) {
			if (tableExists(connection, table)) {
				return;
			}
			Assert.state(this.properties.isInitializeSchema(), () -> "Table " + table + " does not exist; create the "
					+ "Spring Session tables or set example.session.jdbc.initialize-schema=true");
			String platform = platform(connection.getMetaData().getDatabaseProductName());
			try {
				schemaScript(platform, table).execute(dataSource);
				logger.info("Created the Spring Session tables " + table + " and " + table + "_ATTRIBUTES");
			}
			catch (ScriptException ex) {
				if (!tableExists(connection, table)) {
					throw ex;
				}
			}
		}
	}

	/**
	 * Another instance may create the tables at the same time: a failed creation is fine if they
	 * exist afterwards.
	 */
	private static boolean tableExists(Connection connection, String table) {
		try (Statement statement = connection.createStatement()) {
			statement.execute("SELECT 1 FROM " + table + " WHERE 1 = 0");
			return true;
		}
		catch (SQLException ex) {
			return false;
		}
	}

	private static String platform(String productName) {
		String name = productName.toLowerCase(Locale.ROOT);
		return PLATFORMS.entrySet()
			.stream()
			.filter((entry) -> name.contains(entry.getKey()))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("Spring Session has no schema script for " + productName
					+ "; create its tables yourself and set example.session.jdbc.initialize-schema=false"));
	}

	/** Spring Session's own script for the platform, with the configured table name. */
	private static ResourceDatabasePopulator schemaScript(String platform, String table) {
		String path = "org/springframework/session/jdbc/schema-" + platform + ".sql";
		try {
			String script = StreamUtils.copyToString(new ClassPathResource(path).getInputStream(),
					StandardCharsets.UTF_8);
			return new ResourceDatabasePopulator(new ByteArrayResource(
					script.replace(DEFAULT_TABLE_NAME, table).getBytes(StandardCharsets.UTF_8)));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + path + " from spring-session-jdbc", ex);
		}
	}

	/**
	 * The generated bean: Spring Session's repository, which also owns the connection pool it runs
	 * on and closes it when the bean is removed, after the front has been switched back to local
	 * sessions.
	 */
	static final class PooledJdbcIndexedSessionRepository extends JdbcIndexedSessionRepository {

		private final HikariDataSource dataSource;

		private final String url;

		PooledJdbcIndexedSessionRepository(HikariDataSource dataSource, String url) {
			super(new JdbcTemplate(dataSource), new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
			this.dataSource = dataSource;
			this.url = url;
		}

		/**
		 * Stop the expired-session clean-up, then close the pool.
		 */
		@Override
		public void destroy() {
			try {
				super.destroy();
			}
			finally {
				this.dataSource.close();
				logger.info("Closed the connection pool to " + this.url);
			}
		}

	}

}
