/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.session.Session;

/**
 * A session returned by a {@link SwitchableSessionRepository}: the session of the store it came
 * from (its delegate) and which store that is, so that
 * {@link SwitchableSessionRepository#save(Session) save} writes it back there. Every
 * {@link Session} method is passed to the delegate.
 *
 * <p>It also notes whether it was changed through its {@link Session} methods since it was last
 * saved, so that a second save of an unchanged session within one request can be skipped (see
 * {@link SwitchableSessionRequestFilter}): a value changed in place, without
 * {@link #setAttribute(String, Object)}, is not a change, as for Spring Session's Redis and JDBC
 * repositories, which save only the attributes that were set.
 *
 * <p>Not thread-safe beyond what the delegate is, like any session.
 */
public final class SwitchableSession implements Session {

	private final Session delegate;

	private volatile @Nullable RemoteStore remoteStore;

	private volatile String savedId;

	private volatile boolean changedSinceSave = true;

	SwitchableSession(Session delegate, @Nullable RemoteStore remoteStore) {
		this.delegate = delegate;
		this.remoteStore = remoteStore;
		this.savedId = delegate.getId();
	}

	/**
	 * Return the session of the store this session came from.
	 * @return the delegate
	 */
	public Session getDelegate() {
		return this.delegate;
	}

	/**
	 * Return the remote store this session came from, or {@code null} for the local store.
	 */
	@Nullable RemoteStore getRemoteStore() {
		return this.remoteStore;
	}

	/**
	 * Record that the session now lives in the local store (its remote store failed).
	 */
	void movedToLocal() {
		this.remoteStore = null;
	}

	/**
	 * Return the id under which the session was last found or saved.
	 */
	String getSavedId() {
		return this.savedId;
	}

	void saved() {
		this.savedId = this.delegate.getId();
		this.changedSinceSave = false;
	}

	/**
	 * Return whether the session was changed through this object since it was last saved (or
	 * since it was found or created, if it was not saved since).
	 */
	boolean isChangedSinceSave() {
		return this.changedSinceSave;
	}

	private void changed() {
		this.changedSinceSave = true;
	}

	@Override
	public String getId() {
		return this.delegate.getId();
	}

	@Override
	public String changeSessionId() {
		changed();
		return this.delegate.changeSessionId();
	}

	@Override
	public <T> @Nullable T getAttribute(String attributeName) {
		return this.delegate.getAttribute(attributeName);
	}

	@Override
	public Set<String> getAttributeNames() {
		return this.delegate.getAttributeNames();
	}

	@Override
	public void setAttribute(String attributeName, @Nullable Object attributeValue) {
		changed();
		this.delegate.setAttribute(attributeName, attributeValue);
	}

	@Override
	public void removeAttribute(String attributeName) {
		changed();
		this.delegate.removeAttribute(attributeName);
	}

	@Override
	public Instant getCreationTime() {
		return this.delegate.getCreationTime();
	}

	@Override
	public void setLastAccessedTime(Instant lastAccessedTime) {
		changed();
		this.delegate.setLastAccessedTime(lastAccessedTime);
	}

	@Override
	public Instant getLastAccessedTime() {
		return this.delegate.getLastAccessedTime();
	}

	@Override
	public void setMaxInactiveInterval(Duration interval) {
		changed();
		this.delegate.setMaxInactiveInterval(interval);
	}

	@Override
	public Duration getMaxInactiveInterval() {
		return this.delegate.getMaxInactiveInterval();
	}

	@Override
	public boolean isExpired() {
		return this.delegate.isExpired();
	}

	@Override
	public String toString() {
		RemoteStore store = this.remoteStore;
		return "SwitchableSession[store=" + ((store != null) ? store.name() : SwitchableSessionRepository.LOCAL_STORE_NAME)
				+ ", delegate=" + this.delegate.getClass().getName() + "]";
	}

}
