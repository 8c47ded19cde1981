/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.session.redis;

import java.time.Duration;

import io.dynamicbean.example.session.RemoteSessionStoreProperties;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where the {@code redis} profile keeps sessions, under {@code example.session.redis}.
 *
 * <pre class="code">
 * example:
 *   session:
 *     redis:
 *       host: redis.internal
 *       port: 6379
 *       retry-delay: 30s
 * </pre>
 */
@ConfigurationProperties("example.session.redis")
@Validated
public class RedisSessionProperties extends RemoteSessionStoreProperties {

	/**
	 * Redis server host.
	 */
	@NotBlank
	private String host = "localhost";

	/**
	 * Redis server port.
	 */
	@Min(1)
	@Max(65535)
	private int port = 6379;

	/**
	 * Redis database index.
	 */
	@Min(0)
	private int database;

	/**
	 * Login user name (Redis 6 ACL); none by default.
	 */
	private @Nullable String username;

	/**
	 * Login password; none by default.
	 */
	private @Nullable String password;

	/**
	 * How long to wait for a TCP connection to Redis.
	 */
	@NotNull
	private Duration connectTimeout = Duration.ofMillis(500);

	/**
	 * How long to wait for the answer to one command, the start-up PING included. Requests that
	 * touch the session wait at most this long when Redis stops answering.
	 */
	@NotNull
	private Duration commandTimeout = Duration.ofMillis(500);

	/**
	 * Prefix of the Redis keys of the sessions.
	 */
	@NotBlank
	private String keyNamespace = "spring:session";

	public String getHost() {
		return this.host;
	}

	/**
	 * Set the Redis server host.
	 * @param host the host name or address; {@code localhost} by default
	 */
	public void setHost(String host) {
		this.host = host;
	}

	public int getPort() {
		return this.port;
	}

	/**
	 * Set the Redis server port.
	 * @param port the port; {@code 6379} by default
	 */
	public void setPort(int port) {
		this.port = port;
	}

	public int getDatabase() {
		return this.database;
	}

	/**
	 * Set the Redis database index.
	 * @param database the index; {@code 0} by default
	 */
	public void setDatabase(int database) {
		this.database = database;
	}

	public @Nullable String getUsername() {
		return this.username;
	}

	/**
	 * Set the login user name.
	 * @param username the user name, or {@code null} (the default) for none
	 */
	public void setUsername(@Nullable String username) {
		this.username = username;
	}

	public @Nullable String getPassword() {
		return this.password;
	}

	/**
	 * Set the login password.
	 * @param password the password, or {@code null} (the default) for none
	 */
	public void setPassword(@Nullable String password) {
		this.password = password;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	/**
	 * Set how long to wait for a TCP connection.
	 * @param connectTimeout the timeout; 500 ms by default
	 */
	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getCommandTimeout() {
		return this.commandTimeout;
	}

	/**
	 * Set how long to wait for the answer to one command.
	 * @param commandTimeout the timeout; 500 ms by default
	 */
	public void setCommandTimeout(Duration commandTimeout) {
		this.commandTimeout = commandTimeout;
	}

	public String getKeyNamespace() {
		return this.keyNamespace;
	}

	/**
	 * Set the prefix of the Redis keys of the sessions.
	 * @param keyNamespace the prefix; {@code spring:session} by default
	 */
	public void setKeyNamespace(String keyNamespace) {
		this.keyNamespace = keyNamespace;
	}

}
