/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.dynamicbean.memcached.support.DecodedValueCache;
import io.dynamicbean.session.StoreRetryRules;
import net.spy.memcached.ConnectionFactoryBuilder;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties of the memcached session store, under {@code dynamic-bean.memcached}.
 *
 * <p>New sessions expire after Spring Boot's {@code spring.session.timeout}, else
 * {@code server.servlet.session.timeout}, else 30 minutes, like the local store of the switchable
 * front.
 */
@ConfigurationProperties("dynamic-bean.memcached")
public class MemcachedProperties {

	/**
	 * Whether to keep sessions in memcached. With false, no memcached generator is registered and
	 * sessions stay in the local store.
	 */
	private boolean enabled = true;

	/**
	 * Memcached servers, as host:port entries (IPv6 hosts in brackets), each listed once. A host
	 * name that cannot be resolved is an outage: the client is retried after the retry delay.
	 */
	private List<String> servers = new ArrayList<>(List.of("localhost:11211"));

	/**
	 * Memcached protocol.
	 */
	private ConnectionFactoryBuilder.Protocol protocol = ConnectionFactoryBuilder.Protocol.BINARY;

	/**
	 * Longest wait for any memcached operation; a request waits at most this long for memcached
	 * before falling back to its local session.
	 */
	private Duration operationTimeout = Duration.ofMillis(200);

	/**
	 * Longest wait, when the client is generated, for a server to accept a connection and answer.
	 */
	private Duration connectTimeout = Duration.ofSeconds(1);

	/**
	 * Delay between attempts to generate the client, the session repository and the security
	 * context repository while no memcached node answers; whole seconds, 0 to never retry.
	 */
	private Duration retryDelay = StoreRetryRules.DEFAULT_RETRY_DELAY;

	/**
	 * Prefix of every session key: printable ASCII without spaces, at most 100 characters.
	 */
	private String keyPrefix = "dynamic-bean:session:";

	/**
	 * Largest memcached item, as memcached's -I option: a session whose encoding, key and item
	 * header do not fit is not written to memcached (it stays in the local store), and a larger
	 * entry is not read.
	 */
	private DataSize maxItemSize = DataSize.ofMegabytes(1);

	/**
	 * Consecutive memcached operations or node probes that failed while no node answers, after
	 * which the memcached session repository (and the security context repository with it) is
	 * invalidated and the application serves local sessions until a node answers again. A node
	 * that fails while others answer only moves its keys to the next nodes.
	 */
	private int failureThreshold = StoreRetryRules.DEFAULT_FAILURE_THRESHOLD;

	/**
	 * Whether each session is also written to a backup node (the next distinct node on the ring
	 * after its primary), in the same round trip as its primary (a {@code cas} sent with the
	 * primary's and waited for, or, when the read found the backup holding another copy, a
	 * {@code set} not waited for), and read when its primary is down or restarted empty. Used only
	 * with two or more servers.
	 */
	private boolean backup = true;

	/**
	 * Heap budget of the decoded session attribute values each instance remembers, so that the
	 * same bytes read again are not deserialized again: immutable values (strings, numbers,
	 * java.time types...) and Spring Security's SecurityContextImpl, whose Authentication the
	 * requests of a session then share. 0 deserializes every value at every read.
	 */
	private DataSize decodedValueCacheSize = DecodedValueCache.DEFAULT_MAX_SIZE;

	/**
	 * Whether to write the values every request reads (a form login's security context, the CSRF
	 * token, strings) in a compact, versioned encoding that is read without Java serialization and
	 * builds only allow-listed classes; other values are written with Java serialization either
	 * way. Values are read in both encodings whatever this says. A release without this property
	 * wrote only Java serialization and cannot read compact values (it leaves them out of its reads
	 * and keeps them in the store): when upgrading from one, deploy with this false first, and turn
	 * it on once no instance of the old release shares the store.
	 */
	private boolean compactValues = true;

	@SuppressWarnings("deprecation")
	private final Serialization serialization = new Serialization();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<String> getServers() {
		return this.servers;
	}

	public void setServers(List<String> servers) {
		this.servers = servers;
	}

	public ConnectionFactoryBuilder.Protocol getProtocol() {
		return this.protocol;
	}

	public void setProtocol(ConnectionFactoryBuilder.Protocol protocol) {
		this.protocol = protocol;
	}

	public Duration getOperationTimeout() {
		return this.operationTimeout;
	}

	public void setOperationTimeout(Duration operationTimeout) {
		this.operationTimeout = operationTimeout;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getRetryDelay() {
		return this.retryDelay;
	}

	public void setRetryDelay(Duration retryDelay) {
		this.retryDelay = retryDelay;
	}

	public String getKeyPrefix() {
		return this.keyPrefix;
	}

	public void setKeyPrefix(String keyPrefix) {
		this.keyPrefix = keyPrefix;
	}

	public DataSize getMaxItemSize() {
		return this.maxItemSize;
	}

	public void setMaxItemSize(DataSize maxItemSize) {
		this.maxItemSize = maxItemSize;
	}

	public boolean isBackup() {
		return this.backup;
	}

	public void setBackup(boolean backup) {
		this.backup = backup;
	}

	public DataSize getDecodedValueCacheSize() {
		return this.decodedValueCacheSize;
	}

	public void setDecodedValueCacheSize(DataSize decodedValueCacheSize) {
		this.decodedValueCacheSize = decodedValueCacheSize;
	}

	public boolean isCompactValues() {
		return this.compactValues;
	}

	public void setCompactValues(boolean compactValues) {
		this.compactValues = compactValues;
	}

	public int getFailureThreshold() {
		return this.failureThreshold;
	}

	public void setFailureThreshold(int failureThreshold) {
		this.failureThreshold = failureThreshold;
	}

	/**
	 * Return the deprecated serialization properties.
	 * @return the serialization properties
	 * @deprecated since 0.1.0: use {@code dynamic-bean.session.serialization.*}, which applies to
	 * every session store
	 */
	@Deprecated(since = "0.1.0")
	public Serialization getSerialization() {
		return this.serialization;
	}

	/**
	 * Deprecated aliases of {@code dynamic-bean.session.serialization.*}: what they list is added
	 * to the allow-list of the session module.
	 *
	 * @deprecated since 0.1.0: use {@code dynamic-bean.session.serialization.*}
	 */
	@Deprecated(since = "0.1.0")
	public static class Serialization {

		/**
		 * Further classes allowed, by fully qualified name (nested classes with '$').
		 */
		private List<String> allowedClasses = new ArrayList<>();

		/**
		 * Further packages allowed, each with its sub-packages.
		 */
		private List<String> allowedPackages = new ArrayList<>();

		@DeprecatedConfigurationProperty(replacement = "dynamic-bean.session.serialization.allowed-classes",
				since = "0.1.0")
		public List<String> getAllowedClasses() {
			return this.allowedClasses;
		}

		public void setAllowedClasses(List<String> allowedClasses) {
			this.allowedClasses = allowedClasses;
		}

		@DeprecatedConfigurationProperty(replacement = "dynamic-bean.session.serialization.allowed-packages",
				since = "0.1.0")
		public List<String> getAllowedPackages() {
			return this.allowedPackages;
		}

		public void setAllowedPackages(List<String> allowedPackages) {
			this.allowedPackages = allowedPackages;
		}

	}

}
