/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.redis.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.RedisNode;
import org.springframework.data.redis.connection.RedisPassword;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Builds the session store's Lettuce connection factories from Spring Boot's own
 * {@link DataRedisConnectionDetails} and {@link DataRedisProperties} ({@code spring.data.redis.*}):
 * Sentinel when {@code sentinel.*} is set, else Cluster when {@code cluster.*} is, else standalone
 * ({@code host}/{@code port} or {@code url}), as Boot decides; username, password, database, SSL,
 * client name, {@code timeout} (commands), {@code connect-timeout}, Cluster {@code max-redirects}
 * and {@code lettuce.cluster.refresh.*}, {@code lettuce.shutdown-timeout}.
 *
 * <p>Unlike Boot's own factory, these fail fast while the connection is down and never reconnect
 * by themselves ({@link ClientOptions.DisconnectedBehavior#REJECT_COMMANDS}, no auto-reconnect):
 * the failure monitor takes the store out and its generator builds a fresh factory. Without
 * {@code timeout} / {@code connect-timeout}, {@link #DEFAULT_TIMEOUT} is used for both, not
 * Lettuce's 60 s and 10 s, which requests would wait while Redis hangs.
 */
final class SessionLettuceConnectionFactories implements Supplier<LettuceConnectionFactory> {

	/** Command and connect timeout when Boot's properties do not set them: 500 ms. */
	static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(500);

	private final DataRedisConnectionDetails details;

	private final DataRedisProperties properties;

	SessionLettuceConnectionFactories(DataRedisConnectionDetails details, DataRedisProperties properties) {
		this.details = details;
		this.properties = properties;
		if (details.getSentinel() == null && details.getCluster() == null && details.getMasterReplica() != null) {
			throw new IllegalStateException("spring.data.redis.masterreplica.* is not supported by the Redis session "
					+ "store of dynamic-bean-redis: use spring.data.redis.sentinel.* or a standalone server");
		}
	}

	@Override
	public LettuceConnectionFactory get() {
		return new LettuceConnectionFactory(server(), client());
	}

	/**
	 * Describe where Redis is, for log and error messages.
	 */
	String description() {
		DataRedisConnectionDetails.Sentinel sentinel = this.details.getSentinel();
		if (sentinel != null) {
			return "Sentinel master '" + sentinel.getMaster() + "' through " + addresses(sentinel.getNodes());
		}
		DataRedisConnectionDetails.Cluster cluster = this.details.getCluster();
		if (cluster != null) {
			return "Cluster of " + addresses(cluster.getNodes());
		}
		DataRedisConnectionDetails.Standalone standalone = this.details.getStandalone();
		return standalone.getHost() + ":" + standalone.getPort();
	}

	private static String addresses(List<DataRedisConnectionDetails.Node> nodes) {
		return String.join(", ", nodes.stream().map((node) -> node.host() + ":" + node.port()).toList());
	}

	private RedisConfiguration server() {
		DataRedisConnectionDetails.Sentinel sentinel = this.details.getSentinel();
		if (sentinel != null) {
			RedisSentinelConfiguration configuration = new RedisSentinelConfiguration();
			configuration.master(sentinel.getMaster());
			configuration.setSentinels(sentinel.getNodes().stream().map((n) -> new RedisNode(n.host(), n.port())).toList());
			configuration.setSentinelUsername(sentinel.getUsername());
			if (sentinel.getPassword() != null) {
				configuration.setSentinelPassword(RedisPassword.of(sentinel.getPassword()));
			}
			configuration.setUsername(this.details.getUsername());
			configuration.setPassword(password());
			configuration.setDatabase(sentinel.getDatabase());
			return configuration;
		}
		DataRedisConnectionDetails.Cluster cluster = this.details.getCluster();
		if (cluster != null) {
			RedisClusterConfiguration configuration = new RedisClusterConfiguration(
					cluster.getNodes().stream().map((n) -> n.host() + ":" + n.port()).toList());
			Integer maxRedirects = this.properties.getCluster().getMaxRedirects();
			if (maxRedirects != null) {
				configuration.setMaxRedirects(maxRedirects);
			}
			configuration.setUsername(this.details.getUsername());
			configuration.setPassword(password());
			return configuration;
		}
		DataRedisConnectionDetails.Standalone standalone = this.details.getStandalone();
		RedisStandaloneConfiguration configuration = new RedisStandaloneConfiguration(standalone.getHost(),
				standalone.getPort());
		configuration.setDatabase(standalone.getDatabase());
		configuration.setUsername(this.details.getUsername());
		configuration.setPassword(password());
		return configuration;
	}

	private RedisPassword password() {
		return RedisPassword.of(this.details.getPassword());
	}

	private LettuceClientConfiguration client() {
		Duration commandTimeout = orDefault(this.properties.getTimeout());
		LettuceClientConfiguration.LettuceClientConfigurationBuilder builder = LettuceClientConfiguration.builder()
			.clientOptions(clientOptions(commandTimeout))
			.commandTimeout(commandTimeout)
			.shutdownQuietPeriod(Duration.ZERO);
		if (this.properties.getLettuce().getShutdownTimeout() != null) {
			builder.shutdownTimeout(this.properties.getLettuce().getShutdownTimeout());
		}
		if (this.properties.getClientName() != null) {
			builder.clientName(this.properties.getClientName());
		}
		if (this.details.getSslBundle() != null || this.properties.getSsl().isEnabled()) {
			builder.useSsl();
		}
		return builder.build();
	}

	private ClientOptions clientOptions(Duration commandTimeout) {
		ClientOptions.Builder builder = (this.details.getSentinel() == null && this.details.getCluster() != null)
				? ClusterClientOptions.builder().topologyRefreshOptions(topologyRefresh()) : ClientOptions.builder();
		builder.socketOptions(SocketOptions.builder().connectTimeout(orDefault(this.properties.getConnectTimeout())).build())
			.timeoutOptions(TimeoutOptions.enabled(commandTimeout))
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.autoReconnect(false);
		SslBundle bundle = this.details.getSslBundle();
		if (bundle != null) {
			builder.sslOptions(SslOptions.builder()
				.keyManager(bundle.getManagers().getKeyManagerFactory())
				.trustManager(bundle.getManagers().getTrustManagerFactory())
				.build());
		}
		return builder.build();
	}

	private ClusterTopologyRefreshOptions topologyRefresh() {
		DataRedisProperties.Lettuce.Cluster.Refresh refresh = this.properties.getLettuce().getCluster().getRefresh();
		ClusterTopologyRefreshOptions.Builder builder = ClusterTopologyRefreshOptions.builder()
			.dynamicRefreshSources(refresh.isDynamicRefreshSources());
		if (refresh.getPeriod() != null) {
			builder.enablePeriodicRefresh(refresh.getPeriod());
		}
		return builder.build();
	}

	private static Duration orDefault(@Nullable Duration timeout) {
		return (timeout != null) ? timeout : DEFAULT_TIMEOUT;
	}

}
