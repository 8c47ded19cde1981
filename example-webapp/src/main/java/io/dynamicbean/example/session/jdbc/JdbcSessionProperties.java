/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.session.jdbc;

import java.time.Duration;

import io.dynamicbean.example.session.RemoteSessionStoreProperties;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where the {@code jdbc} profile keeps sessions, under {@code example.session.jdbc}. By default an
 * in-memory H2 database inside the application, which is fine to try the profile but not shared
 * between instances: point {@code url} at a database server for a cluster.
 *
 * <pre class="code">
 * example:
 *   session:
 *     jdbc:
 *       url: jdbc:postgresql://db.internal:5432/sessions
 *       username: app
 *       password: ${DB_PASSWORD}
 * </pre>
 */
@ConfigurationProperties("example.session.jdbc")
@Validated
public class JdbcSessionProperties extends RemoteSessionStoreProperties {

	/**
	 * JDBC URL of the database.
	 */
	@NotBlank
	private String url = "jdbc:h2:mem:spring-session;DB_CLOSE_DELAY=-1";

	/**
	 * Login user name.
	 */
	private @Nullable String username = "sa";

	/**
	 * Login password.
	 */
	private @Nullable String password = "";

	/**
	 * How long to wait for a connection, at start-up and for each request that needs one.
	 */
	@NotNull
	private Duration connectTimeout = Duration.ofSeconds(1);

	/**
	 * Largest number of pooled connections.
	 */
	@Min(1)
	private int maximumPoolSize = 10;

	/**
	 * Whether to create the Spring Session tables when they are missing.
	 */
	private boolean initializeSchema = true;

	/**
	 * Name of the sessions table (its attributes table gets the suffix _ATTRIBUTES).
	 */
	@NotBlank
	@Pattern(regexp = "[A-Za-z_][A-Za-z0-9_]*", message = "must be a plain SQL identifier")
	private String tableName = "SPRING_SESSION";


	public String getUrl() {
		return this.url;
	}

	/**
	 * Set the JDBC URL of the database.
	 * @param url the URL; an in-memory H2 database by default
	 */
	public void setUrl(String url) {
		this.url = url;
	}

	public @Nullable String getUsername() {
		return this.username;
	}

	/**
	 * Set the login user name.
	 * @param username the user name, or {@code null} for none; {@code sa} by default
	 */
	public void setUsername(@Nullable String username) {
		this.username = username;
	}

	public @Nullable String getPassword() {
		return this.password;
	}

	/**
	 * Set the login password.
	 * @param password the password, or {@code null} for none; empty by default
	 */
	public void setPassword(@Nullable String password) {
		this.password = password;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	/**
	 * Set how long to wait for a connection.
	 * @param connectTimeout the timeout, at least 250 ms; 1 s by default
	 */
	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public int getMaximumPoolSize() {
		return this.maximumPoolSize;
	}

	/**
	 * Set the largest number of pooled connections.
	 * @param maximumPoolSize the size; 10 by default
	 */
	public void setMaximumPoolSize(int maximumPoolSize) {
		this.maximumPoolSize = maximumPoolSize;
	}

	public boolean isInitializeSchema() {
		return this.initializeSchema;
	}

	/**
	 * Set whether to create the Spring Session tables when they are missing.
	 * @param initializeSchema {@code true} (the default) to create them
	 */
	public void setInitializeSchema(boolean initializeSchema) {
		this.initializeSchema = initializeSchema;
	}

	public String getTableName() {
		return this.tableName;
	}

	/**
	 * Set the name of the sessions table.
	 * @param tableName a plain SQL identifier; {@code SPRING_SESSION} by default
	 */
	public void setTableName(String tableName) {
		this.tableName = tableName;
	}

}
