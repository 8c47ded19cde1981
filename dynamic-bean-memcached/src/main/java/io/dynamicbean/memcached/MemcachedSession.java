/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import io.dynamicbean.memcached.support.SessionEntry;
import org.jspecify.annotations.Nullable;

import org.springframework.session.MapSession;
import org.springframework.session.Session;
import org.springframework.session.SessionIdGenerator;

/**
 * A session of the {@link MemcachedSessionRepository}: one request's copy of a session, which
 * remembers the memcached entry it was read from (with its CAS value) and what this copy changed
 * since: attributes set and removed, the max inactive interval, the last-access time, the id. A
 * save writes only those changes onto the entry as it is in memcached at that moment, so that
 * concurrent requests of one session each keep their changes: per attribute, and for the max
 * inactive interval and the last-access time, the last writer wins.
 *
 * <p>Not thread-safe, like Spring Session's own sessions: one request uses it at a time.
 */
public final class MemcachedSession implements Session {

	private final MapSession view;

	private String originalId;

	private boolean isNew;

	private @Nullable SessionEntry base;

	private long cas;

	private int node = -1;

	private int revision;

	private @Nullable BackupCopy backup;

	private final Map<String, Object> setAttributes = new LinkedHashMap<>();

	private final Set<String> removedAttributes = new LinkedHashSet<>();

	private final Map<String, byte[]> serialized = new HashMap<>();

	private boolean maxInactiveIntervalChanged;

	private boolean lastAccessedTimeChanged;

	/**
	 * Create a new session, not yet saved, created and last accessed now.
	 */
	MemcachedSession(SessionIdGenerator idGenerator, Duration maxInactiveInterval, Instant now) {
		this.view = new MapSession(idGenerator);
		this.view.setCreationTime(now);
		this.view.setLastAccessedTime(now);
		this.view.setMaxInactiveInterval(maxInactiveInterval);
		this.originalId = this.view.getId();
		this.isNew = true;
	}

	/**
	 * Create a copy of a session read from memcached.
	 */
	MemcachedSession(SessionEntry entry, long cas, SessionIdGenerator idGenerator) {
		this.view = new MapSession(entry.getId());
		this.view.setSessionIdGenerator(idGenerator);
		this.view.setCreationTime(entry.getCreationTime());
		this.view.setLastAccessedTime(entry.getLastAccessedTime());
		this.view.setMaxInactiveInterval(entry.getMaxInactiveInterval());
		entry.getValues().forEach(this.view::setAttribute);
		this.originalId = entry.getId();
		this.base = entry;
		this.cas = cas;
	}

	@Override
	public String getId() {
		return this.view.getId();
	}

	@Override
	public String changeSessionId() {
		return this.view.changeSessionId();
	}

	@Override
	public <T> @Nullable T getAttribute(String attributeName) {
		return this.view.getAttribute(attributeName);
	}

	@Override
	public Set<String> getAttributeNames() {
		return this.view.getAttributeNames();
	}

	@Override
	public void setAttribute(String attributeName, @Nullable Object attributeValue) {
		if (attributeValue == null) {
			removeAttribute(attributeName);
			return;
		}
		this.view.setAttribute(attributeName, attributeValue);
		this.setAttributes.put(attributeName, attributeValue);
		this.removedAttributes.remove(attributeName);
		this.serialized.remove(attributeName);
	}

	@Override
	public void removeAttribute(String attributeName) {
		this.view.removeAttribute(attributeName);
		this.setAttributes.remove(attributeName);
		this.serialized.remove(attributeName);
		this.removedAttributes.add(attributeName);
	}

	@Override
	public Instant getCreationTime() {
		return this.view.getCreationTime();
	}

	@Override
	public void setLastAccessedTime(Instant lastAccessedTime) {
		this.view.setLastAccessedTime(lastAccessedTime);
		this.lastAccessedTimeChanged = true;
	}

	@Override
	public Instant getLastAccessedTime() {
		return this.view.getLastAccessedTime();
	}

	@Override
	public void setMaxInactiveInterval(Duration interval) {
		this.view.setMaxInactiveInterval(interval);
		this.maxInactiveIntervalChanged = true;
	}

	@Override
	public Duration getMaxInactiveInterval() {
		return this.view.getMaxInactiveInterval();
	}

	@Override
	public boolean isExpired() {
		return this.view.isExpired();
	}

	/**
	 * Return the id under which this copy was read, or its first id if it is new.
	 * @return the original id
	 */
	public String getOriginalId() {
		return this.originalId;
	}

	/**
	 * Tell whether this session was created and not saved yet.
	 * @return whether it is new
	 */
	public boolean isNew() {
		return this.isNew;
	}

	boolean isIdChanged() {
		return !this.originalId.equals(getId());
	}

	boolean hasChanges() {
		return this.isNew || isIdChanged() || this.lastAccessedTimeChanged || hasChangesBesidesLastAccess();
	}

	/**
	 * Tell whether this copy changed anything but its last-access time (and its id).
	 */
	boolean hasChangesBesidesLastAccess() {
		return !this.setAttributes.isEmpty() || !this.removedAttributes.isEmpty() || this.maxInactiveIntervalChanged;
	}

	@Nullable SessionEntry getBase() {
		return this.base;
	}

	/**
	 * Return the CAS value of the entry this copy is based on, 0 when unknown.
	 */
	long getCas() {
		return this.cas;
	}

	/**
	 * Base this copy on another version of its entry, read from memcached.
	 */
	void rebase(@Nullable SessionEntry entry, long cas) {
		this.base = entry;
		this.cas = cas;
	}

	/**
	 * Return the memcached node the CAS value belongs to, -1 when none.
	 */
	int getNode() {
		return this.node;
	}

	/**
	 * Return the revision of the entry this copy is based on.
	 */
	int getRevision() {
		return this.revision;
	}

	/**
	 * Record the memcached node the CAS value belongs to, and the revision of the entry there.
	 */
	MemcachedSession storedAt(int node, int revision) {
		return storedAt(node, revision, null);
	}

	/**
	 * Record the memcached node the CAS value belongs to, the revision of the entry there, and
	 * the copy its backup node holds with that node's CAS value, when known.
	 */
	MemcachedSession storedAt(int node, int revision, @Nullable BackupCopy backup) {
		this.node = node;
		this.revision = revision;
		this.backup = backup;
		return this;
	}

	/**
	 * Return the copy the backup node held when this copy's entry was last read or written, with
	 * that node's CAS value, {@code null} when unknown.
	 */
	@Nullable BackupCopy getBackup() {
		return this.backup;
	}

	/**
	 * Forget the CAS values, after memcached refused one: the entry changed since it was read.
	 */
	void forgetCas() {
		this.cas = 0;
		this.backup = null;
	}

	/**
	 * Build the entry to write: the base entry (the version in memcached) with this copy's changes.
	 * Values set by this copy are serialized once, and reused when the merge is retried.
	 * @param serializer serializes one attribute value
	 * @return the merged entry, under this copy's current id
	 */
	SessionEntry merge(ValueSerializer serializer) {
		SessionEntry onto = this.base;
		Map<String, byte @Nullable []> attributes = new LinkedHashMap<>();
		if (onto != null && !onto.isTombstone()) {
			onto.getRawAttributes().forEach((name, bytes) -> attributes.put(name,
					(bytes != null) ? bytes : serializer.serialize(name, onto.getValues().get(name))));
		}
		this.removedAttributes.forEach(attributes::remove);
		this.setAttributes.forEach((name, value) -> attributes.put(name,
				this.serialized.computeIfAbsent(name, (n) -> serializer.serialize(n, value))));
		boolean fresh = onto == null || onto.isTombstone();
		Instant creationTime = fresh ? getCreationTime() : onto.getCreationTime();
		Duration maxInactive = (fresh || this.maxInactiveIntervalChanged) ? getMaxInactiveInterval()
				: onto.getMaxInactiveInterval();
		Instant lastAccessed = (fresh || this.lastAccessedTimeChanged) ? getLastAccessedTime()
				: onto.getLastAccessedTime();
		return new SessionEntry(SessionEntry.Kind.SESSION, getId(), creationTime, lastAccessed, maxInactive,
				attributes, Map.of());
	}

	/**
	 * Record that this copy was written as the given entry: it is no longer new, its id is its
	 * original id, it has no changes, and it is based on the entry written.
	 * @param cas the CAS value of the item written, 0 when unknown
	 */
	void saved(SessionEntry written, long cas) {
		showOthersChanges(this.base);
		this.base = written;
		this.cas = cas;
		this.isNew = false;
		this.originalId = getId();
		this.setAttributes.clear();
		this.removedAttributes.clear();
		this.serialized.clear();
		this.maxInactiveIntervalChanged = false;
		this.lastAccessedTimeChanged = false;
	}

	/**
	 * Show, after a save, the attributes other requests changed in the entry this copy's changes
	 * were written onto: the copy then holds what memcached holds, as a fallback copy of it must.
	 */
	private void showOthersChanges(@Nullable SessionEntry onto) {
		if (onto == null || onto.isTombstone()) {
			return;
		}
		onto.getValues().forEach((name, value) -> {
			if (!this.setAttributes.containsKey(name) && !this.removedAttributes.contains(name)) {
				this.view.setAttribute(name, value);
			}
		});
		for (String name : Set.copyOf(this.view.getAttributeNames())) {
			if (!onto.getRawAttributes().containsKey(name) && !this.setAttributes.containsKey(name)) {
				this.view.removeAttribute(name);
			}
		}
	}

	/**
	 * Record that the entry under the original id is now a tombstone: from here on this copy is a
	 * new session under its current id, to be added as the given entry. A save retried after a
	 * failure of the new id's node then adds it on the next node, rather than reading the
	 * tombstone as a logout.
	 */
	void movedToNewId(SessionEntry entry) {
		this.isNew = true;
		this.originalId = getId();
		this.base = entry;
		this.cas = 0;
		this.node = -1;
		this.revision = 0;
		this.backup = null;
	}

	/**
	 * Serializes one attribute value.
	 */
	@FunctionalInterface
	interface ValueSerializer {

		byte[] serialize(String name, @Nullable Object value);

	}

}
