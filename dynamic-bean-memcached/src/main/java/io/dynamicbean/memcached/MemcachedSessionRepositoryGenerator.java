/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached;

import io.dynamicbean.DynamicAutowired;
import io.dynamicbean.memcached.support.DecodedValueCache;
import io.dynamicbean.session.RemoteStoreFailureMonitor;
import io.dynamicbean.session.SessionStoreGeneratorAdapter;
import io.dynamicbean.session.SessionStoreSettings;
import io.dynamicbean.session.SwitchableSessionRepository;
import io.dynamicbean.session.serialization.DeserializationAllowList;
import io.dynamicbean.session.serialization.UnreadableValues;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * Generates the {@link MemcachedSessionRepository}, bean {@code memcachedSessionRepository}, on
 * the dynamic {@link MemcachedCluster}, and switches the application's sessions over to it (store
 * name {@value #STORE_NAME}), as every store generator of {@link SessionStoreGeneratorAdapter}
 * does: the front goes back to local sessions when the bean is removed.
 *
 * <p>The repository is built only while some memcached node answers; otherwise the attempt fails
 * and is retried after the retry delay, on the same cluster, whose nodes are probed in the
 * background meanwhile. The {@link RemoteStoreFailureMonitor} watches the store like any other:
 * <ul>
 * <li>a node that fails while others answer is no failure of the store: the repository retries on
 * the other nodes, and what it throws while some node answers (a session whose primary and backup
 * nodes are both down) is not counted;</li>
 * <li>an operation refused at once, without contacting memcached, because the last answering
 * nodes failed moments ago ({@link MemcachedUnavailableException#isFailedFast()}), or refused by
 * memcached itself, is not counted ({@link #isStoreFailure(RuntimeException)});</li>
 * <li>each probe that fails while no node answers is reported as a failure
 * ({@link #reportFailure(RuntimeException)}), so that the bean is invalidated promptly when every
 * node dies, even with no requests.</li>
 * </ul>
 *
 * <p>Attribute values are read through the {@link #setDeserializationAllowList allow-list} by the
 * repository's own codec; the {@link #setValueSerializer value serializer} of the adapter is not
 * used. Defaults: those of {@link MemcachedSessionRepository} and of
 * {@link SessionStoreGeneratorAdapter} (retry delay 30 s, failure threshold 3).
 */
public class MemcachedSessionRepositoryGenerator extends SessionStoreGeneratorAdapter<MemcachedSessionRepository> {

	/** The store name the switchable fronts report while memcached is active. */
	public static final String STORE_NAME = "memcached";

	@DynamicAutowired
	private @Nullable MemcachedCluster memcachedClient;

	private String keyPrefix = MemcachedSessionRepository.DEFAULT_KEY_PREFIX;

	private DataSize maxItemSize = MemcachedSessionRepository.DEFAULT_MAX_ITEM_SIZE;

	private DeserializationAllowList deserializationAllowList = new DeserializationAllowList();

	private boolean backup = true;

	private DataSize decodedValueCacheSize = DecodedValueCache.DEFAULT_MAX_SIZE;

	private boolean compactValues = true;

	private MemcachedStoreListener storeListener = MemcachedStoreListener.NONE;

	private UnreadableValues unreadableValues = new UnreadableValues(STORE_NAME);

	/**
	 * Create a generator.
	 * @param sessions the application's switchable session front, not {@code null}
	 */
	public MemcachedSessionRepositoryGenerator(SwitchableSessionRepository sessions) {
		super(STORE_NAME, sessions);
	}

	/**
	 * Build the repository on the cluster, and have the cluster's failed probes reported while no
	 * node answers.
	 * @return the repository
	 * @throws MemcachedUnavailableException when no memcached node answers
	 */
	@Override
	protected MemcachedSessionRepository createRepository() {
		MemcachedCluster cluster = this.memcachedClient;
		Assert.state(cluster != null, "The memcachedClient dynamic bean was not injected");
		if (!cluster.isAnswering()) {
			throw new MemcachedUnavailableException("No memcached node answers " + cluster.getNodes() + ": sessions "
					+ "stay local, the nodes are probed in the background and the store is tried again after "
					+ "dynamic-bean.memcached.retry-delay", null);
		}
		MemcachedSessionRepository repository = new MemcachedSessionRepository(cluster);
		repository.setKeyPrefix(this.keyPrefix);
		repository.setMaxItemSize(this.maxItemSize);
		repository.setDeserializationAllowList(this.deserializationAllowList);
		repository.setBackup(this.backup);
		repository.setDecodedValueCacheSize(this.decodedValueCacheSize);
		repository.setCompactValues(this.compactValues);
		repository.setStoreListener(this.storeListener);
		repository.setUnreadableValues(this.unreadableValues);
		cluster.setProbeFailureListener(this::reportFailure);
		return repository;
	}

	/**
	 * Give the repository the front's id generator and the session timeout; memcached has no
	 * flush or save mode (a request's session is written once, on save).
	 */
	@Override
	protected void applySettings(MemcachedSessionRepository repository, SessionStoreSettings settings) {
		repository.setSessionIdGenerator(settings.sessionIdGenerator());
		repository.setDefaultMaxInactiveInterval(settings.sessionTimeout());
	}

	/**
	 * Count the operations memcached did not answer while no node answers, but not those refused
	 * without contacting it, nor those it answered with a refusal.
	 * @param ex what the repository threw
	 * @return {@code false} for a {@link MemcachedUnavailableException} while some node answers
	 * (a session whose nodes are down, served from the front's copy meanwhile), for a
	 * {@link MemcachedUnavailableException#isFailedFast() failed-fast} operation, and for any other
	 * {@link MemcachedStoreException}
	 */
	@Override
	public boolean isStoreFailure(RuntimeException ex) {
		if (ex instanceof MemcachedUnavailableException unavailable) {
			MemcachedCluster cluster = this.memcachedClient;
			return !unavailable.isFailedFast() && (cluster == null || !cluster.isAnswering());
		}
		return !(ex instanceof MemcachedStoreException);
	}

	/**
	 * Set where the repositories built count and report the values they cannot read.
	 * @param unreadableValues the counts, not {@code null}; one of this generator's own, named
	 * {@value #STORE_NAME}, by default
	 */
	public void setUnreadableValues(UnreadableValues unreadableValues) {
		Assert.notNull(unreadableValues, "unreadableValues must not be null");
		this.unreadableValues = unreadableValues;
	}

	/**
	 * Return where the repositories built count the values they cannot read.
	 * @return the counts
	 */
	public UnreadableValues getUnreadableValues() {
		return this.unreadableValues;
	}

	/**
	 * Set the listener the repositories built are told of their operations by, for example the
	 * session store metrics.
	 * @param storeListener the listener, not {@code null}; {@link MemcachedStoreListener#NONE} by
	 * default
	 */
	public void setStoreListener(MemcachedStoreListener storeListener) {
		Assert.notNull(storeListener, "storeListener must not be null");
		this.storeListener = storeListener;
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
	 * Return what session attribute values may be deserialized to.
	 * @return the allow-list
	 */
	public DeserializationAllowList getDeserializationAllowList() {
		return this.deserializationAllowList;
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
	 * Set the heap budget of the decoded attribute values remembered.
	 * @param decodedValueCacheSize see
	 * {@link MemcachedSessionRepository#setDecodedValueCacheSize(DataSize)}; 32 MB by default
	 */
	public void setDecodedValueCacheSize(DataSize decodedValueCacheSize) {
		Assert.isTrue(decodedValueCacheSize != null && !decodedValueCacheSize.isNegative(),
				"dynamic-bean.memcached.decoded-value-cache-size must not be negative");
		this.decodedValueCacheSize = decodedValueCacheSize;
	}

	/**
	 * Return the heap budget of the decoded attribute values remembered.
	 * @return the budget, {@code 0} when off
	 */
	public DataSize getDecodedValueCacheSize() {
		return this.decodedValueCacheSize;
	}

	/**
	 * Set whether to write the values every request reads in the compact encoding.
	 * @param compactValues see {@link MemcachedSessionRepository#setCompactValues(boolean)};
	 * {@code true} by default
	 */
	public void setCompactValues(boolean compactValues) {
		this.compactValues = compactValues;
	}

	/**
	 * Return whether the values every request reads are written in the compact encoding.
	 * @return whether compact values are written
	 */
	public boolean isCompactValues() {
		return this.compactValues;
	}

}
