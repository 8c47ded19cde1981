/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached;

import java.time.Duration;

import io.dynamicbean.DynamicAutowired;
import io.dynamicbean.DynamicGeneratorAdapter;
import io.dynamicbean.session.serialization.DeserializationAllowList;
import org.jspecify.annotations.Nullable;

import org.springframework.session.MapSession;
import org.springframework.session.SessionIdGenerator;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * Generates the {@link MemcachedSessionRepository}, bean {@code memcachedSessionRepository}, on
 * the dynamic {@link MemcachedCluster}: it exists only while the cluster does, and is removed with
 * it when the client is invalidated.
 *
 * <p>Defaults: those of {@link MemcachedSessionRepository}, and a retry delay of 30 s.
 */
public class MemcachedSessionRepositoryGenerator extends DynamicGeneratorAdapter<MemcachedSessionRepository> {

	@DynamicAutowired
	private @Nullable MemcachedCluster memcachedClient;

	private String keyPrefix = MemcachedSessionRepository.DEFAULT_KEY_PREFIX;

	private DataSize maxItemSize = MemcachedSessionRepository.DEFAULT_MAX_ITEM_SIZE;

	private DeserializationAllowList deserializationAllowList = new DeserializationAllowList();

	private Duration defaultMaxInactiveInterval = MapSession.DEFAULT_MAX_INACTIVE_INTERVAL;

	private @Nullable SessionIdGenerator sessionIdGenerator;

	private @Nullable MemcachedOperationListener operationListener;

	private Duration delay = MemcachedClientGenerator.DEFAULT_DELAY;

	private boolean backup = true;

	@Override
	public MemcachedSessionRepository generate() {
		Assert.state(this.memcachedClient != null, "The memcachedClient dynamic bean was not injected");
		MemcachedSessionRepository repository = new MemcachedSessionRepository(this.memcachedClient);
		repository.setKeyPrefix(this.keyPrefix);
		repository.setMaxItemSize(this.maxItemSize);
		repository.setDeserializationAllowList(this.deserializationAllowList);
		repository.setDefaultMaxInactiveInterval(this.defaultMaxInactiveInterval);
		repository.setBackup(this.backup);
		if (this.sessionIdGenerator != null) {
			repository.setSessionIdGenerator(this.sessionIdGenerator);
		}
		if (this.operationListener != null) {
			repository.setOperationListener(this.operationListener);
		}
		return repository;
	}

	@Override
	public int getDelaySeconds() {
		return Math.toIntExact(this.delay.toSeconds());
	}

	/**
	 * Set the prefix of every session key.
	 * @param keyPrefix see {@link MemcachedSessionRepository#setKeyPrefix(String)}
	 */
	public void setKeyPrefix(String keyPrefix) {
		Assert.notNull(keyPrefix, "keyPrefix must not be null");
		this.keyPrefix = keyPrefix;
	}

	/**
	 * Set the largest memcached item.
	 * @param maxItemSize see {@link MemcachedSessionRepository#setMaxItemSize(DataSize)}
	 */
	public void setMaxItemSize(DataSize maxItemSize) {
		Assert.notNull(maxItemSize, "maxItemSize must not be null");
		this.maxItemSize = maxItemSize;
	}

	/**
	 * Set what session attribute values may be deserialized to.
	 * @param deserializationAllowList see
	 * {@link MemcachedSessionRepository#setDeserializationAllowList(DeserializationAllowList)}
	 */
	public void setDeserializationAllowList(DeserializationAllowList deserializationAllowList) {
		Assert.notNull(deserializationAllowList, "deserializationAllowList must not be null");
		this.deserializationAllowList = deserializationAllowList;
	}

	/**
	 * Set the max inactive interval of new sessions.
	 * @param defaultMaxInactiveInterval see
	 * {@link MemcachedSessionRepository#setDefaultMaxInactiveInterval(Duration)}
	 */
	public void setDefaultMaxInactiveInterval(Duration defaultMaxInactiveInterval) {
		Assert.notNull(defaultMaxInactiveInterval, "defaultMaxInactiveInterval must not be null");
		this.defaultMaxInactiveInterval = defaultMaxInactiveInterval;
	}

	/**
	 * Set the generator of session ids; behind a switchable session front, the front's.
	 * @param sessionIdGenerator the generator, or {@code null} (the default) for the repository's
	 * own UUID generator
	 */
	public void setSessionIdGenerator(@Nullable SessionIdGenerator sessionIdGenerator) {
		this.sessionIdGenerator = sessionIdGenerator;
	}

	/**
	 * Set the listener told the outcome of each memcached operation, usually the
	 * {@link MemcachedFailureMonitor}.
	 * @param operationListener the listener, or {@code null} (the default) for none
	 */
	public void setOperationListener(@Nullable MemcachedOperationListener operationListener) {
		this.operationListener = operationListener;
	}

	/**
	 * Set whether each session is also written to a backup node.
	 * @param backup see {@link MemcachedSessionRepository#setBackup(boolean)}; {@code true} by
	 * default
	 */
	public void setBackup(boolean backup) {
		this.backup = backup;
	}

	/**
	 * Set the delay between generation attempts.
	 * @param delay whole seconds, zero (never retried automatically) or positive; 30 s by default
	 */
	public void setDelay(Duration delay) {
		this.delay = GeneratorDelays.check(delay);
	}

}
