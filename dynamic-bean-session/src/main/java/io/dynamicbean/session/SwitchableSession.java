/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
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
 * {@link SessionRequestScope}): a value changed in place, without
 * {@link #setAttribute(String, Object)}, is not a change, as for Spring Session's Redis and JDBC
 * repositories, which save only the attributes that were set.
 *
 * <p>It records what was changed through it since it was found, created or last saved (attributes
 * set and removed, max inactive interval, id), so that a local store can apply exactly these
 * changes onto the copy it holds, as Spring Session's own stores apply them onto theirs. The
 * front's version attribute ({@link SessionVersions}) is hidden from
 * {@link #getAttributeNames()}.
 *
 * <p>Not thread-safe beyond what the delegate is, like any session.
 */
public final class SwitchableSession implements Session {

	private final Session delegate;

	private volatile @Nullable RemoteStore remoteStore;

	private volatile String savedId;

	private volatile boolean changedSinceSave = true;

	private final boolean created;

	private final boolean loadedFromRemote;

	private final long loadedVersion;

	private final Map<String, @Nullable Object> changedAttributes = Collections.synchronizedMap(new LinkedHashMap<>());

	/** The value each changed attribute had before its first change since the last save. */
	private final Map<String, @Nullable Object> valuesBeforeChange = Collections.synchronizedMap(new LinkedHashMap<>());

	private volatile boolean maxInactiveIntervalChanged;

	private volatile boolean saved;

	private volatile boolean invalidated;

	private volatile boolean refusedByStore;

	SwitchableSession(Session delegate, @Nullable RemoteStore remoteStore) {
		this(delegate, remoteStore, false);
	}

	SwitchableSession(Session delegate, @Nullable RemoteStore remoteStore, boolean created) {
		this.delegate = delegate;
		this.remoteStore = remoteStore;
		this.savedId = delegate.getId();
		this.created = created;
		this.loadedFromRemote = remoteStore != null;
		this.loadedVersion = SessionVersions.of(delegate);
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
		this.saved = true;
		this.changedAttributes.clear();
		this.valuesBeforeChange.clear();
		this.maxInactiveIntervalChanged = false;
	}

	/**
	 * Return whether the session was created by the front and has never been saved: no store
	 * holds it yet.
	 */
	boolean isNew() {
		return this.created && !this.saved;
	}

	/**
	 * Return whether the session was found in or created by a remote store (even if it has moved
	 * to the local store since).
	 */
	boolean isLoadedFromRemote() {
		return this.loadedFromRemote;
	}

	/**
	 * Return the version the session had when it was found or created.
	 */
	long getLoadedVersion() {
		return this.loadedVersion;
	}

	/**
	 * Return the attributes set (with their values) and removed (with {@code null}) since the
	 * session was found, created or last saved, in the order they were changed.
	 */
	Map<String, @Nullable Object> getChangedAttributes() {
		synchronized (this.changedAttributes) {
			return new LinkedHashMap<>(this.changedAttributes);
		}
	}

	/**
	 * Return whether an attribute was changed since the session was found, created or last saved,
	 * and the value it had before: the value in the version found (or last saved), which a change
	 * kept locally replaces.
	 * @param name the attribute name
	 * @return a holder of the earlier value ({@code null} if it had none), or {@code null} if the
	 * attribute was not changed
	 */
	Object @Nullable [] valueBeforeChange(String name) {
		synchronized (this.valuesBeforeChange) {
			return this.valuesBeforeChange.containsKey(name) ? new Object[] { this.valuesBeforeChange.get(name) } : null;
		}
	}

	/**
	 * Return whether the max inactive interval was set since the session was found, created or last
	 * saved.
	 */
	boolean isMaxInactiveIntervalChanged() {
		return this.maxInactiveIntervalChanged;
	}

	/**
	 * Return whether anything but the last access time changed since the session was found,
	 * created or last saved: what raises its version.
	 */
	boolean hasChangesBeyondLastAccess() {
		return isNew() || !this.changedAttributes.isEmpty() || this.maxInactiveIntervalChanged
				|| !this.savedId.equals(this.delegate.getId());
	}

	/**
	 * Raise the version of the delegate by one if anything but the last access time changed, before
	 * the delegate is saved to its store.
	 */
	void raiseVersionIfChanged() {
		if (hasChangesBeyondLastAccess()) {
			this.delegate.setAttribute(SessionVersions.ATTRIBUTE, SessionVersions.of(this.delegate) + 1);
		}
	}

	/**
	 * Record that the session no longer exists in any store (deleted elsewhere): later saves of
	 * this object are ignored.
	 */
	void invalidated() {
		this.invalidated = true;
		this.changedSinceSave = false;
	}

	/**
	 * Record that the remote store refused to save the session for a reason of its own (too large,
	 * not serializable): it is kept locally as if it had been created here.
	 */
	void refusedByStore() {
		this.refusedByStore = true;
	}

	/**
	 * Return whether the remote store refused to save the session for a reason of its own.
	 */
	boolean isRefusedByStore() {
		return this.refusedByStore;
	}

	/**
	 * Return whether a store refused to save the session because it had been deleted.
	 */
	boolean isInvalidated() {
		return this.invalidated;
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
		Set<String> names = this.delegate.getAttributeNames();
		if (!names.contains(SessionVersions.ATTRIBUTE)) {
			return names;
		}
		Set<String> visible = new LinkedHashSet<>(names);
		visible.remove(SessionVersions.ATTRIBUTE);
		return visible;
	}

	@Override
	public void setAttribute(String attributeName, @Nullable Object attributeValue) {
		changed();
		rememberValueBeforeChange(attributeName);
		this.changedAttributes.put(attributeName, attributeValue);
		this.delegate.setAttribute(attributeName, attributeValue);
	}

	@Override
	public void removeAttribute(String attributeName) {
		changed();
		rememberValueBeforeChange(attributeName);
		this.changedAttributes.put(attributeName, null);
		this.delegate.removeAttribute(attributeName);
	}

	private void rememberValueBeforeChange(String attributeName) {
		synchronized (this.valuesBeforeChange) {
			if (!this.valuesBeforeChange.containsKey(attributeName)) {
				this.valuesBeforeChange.put(attributeName, this.delegate.getAttribute(attributeName));
			}
		}
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
		this.maxInactiveIntervalChanged = true;
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
