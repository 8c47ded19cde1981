/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

/**
 * The index entries of principals in a remote store, kept there as records of the front's own: one
 * entry per principal, under the {@link SessionIds#isInternal(String) internal} id
 * {@code dynamic-bean.ix-} followed by 20 characters of the URL-safe Base64 of the SHA-256 of the
 * principal name (36 characters in all, the width of Spring Session's JDBC id column), so that no
 * principal name, of any length or characters, reaches a key, and no cookie can name an entry.
 *
 * <p>The entry is a session of the store: attribute {@value #NAME_ATTRIBUTE} holds the principal
 * name (an entry whose name differs, a hash collision, counts as empty), and every member is one
 * attribute named by its session id (ids never contain a {@code .}) whose value is when it was
 * indexed, in epoch milliseconds. One attribute per member lets every store merge concurrent
 * writers the way it merges a session's attributes: the memcached store by compare-and-set, Redis
 * by hash field, JDBC by attribute row. The entry lives {@link #ENTRY_LIFETIME} after its last
 * write.
 *
 * <p>Bounds: at most {@link #getMaxMembers()} members (1,000 by default, some 60 bytes each in
 * memcached); beyond it the members indexed longest ago are dropped from the entry, with a WARN.
 * An entry that cannot be read (a member value that is not a number, a name that is not a string)
 * is rebuilt from the members that can be read.
 */
final class PrincipalIndex {

	/** The prefix of entry ids. */
	static final String ENTRY_ID_PREFIX = SessionIds.INTERNAL_PREFIX + "ix-";

	/** The attribute of an entry holding the principal name. */
	static final String NAME_ATTRIBUTE = "dynamic-bean.principal";

	/** How long an entry lives after its last write. */
	static final Duration ENTRY_LIFETIME = Duration.ofDays(7);

	/** How long a member whose session cannot be found is kept: its login may not have saved it yet. */
	static final Duration IN_FLIGHT_GRACE = Duration.ofMinutes(1);

	/** The default bound of members in one entry. */
	static final int DEFAULT_MAX_MEMBERS = 1_000;

	private static final int HASH_CHARACTERS = 20;

	private static final Log logger = LogFactory.getLog(PrincipalIndex.class);

	private final PreservingSessionIdGenerator sessionIdGenerator;

	private volatile Clock clock = Clock.systemUTC();

	private volatile int maxMembers = DEFAULT_MAX_MEMBERS;

	PrincipalIndex(PreservingSessionIdGenerator sessionIdGenerator) {
		this.sessionIdGenerator = sessionIdGenerator;
	}

	void setClock(Clock clock) {
		this.clock = clock;
	}

	void setMaxMembers(int maxMembers) {
		this.maxMembers = maxMembers;
	}

	int getMaxMembers() {
		return this.maxMembers;
	}

	Instant now() {
		return this.clock.instant();
	}

	/**
	 * Return the id of a principal's entry.
	 * @param principalName any principal name
	 * @return an internal id of 36 characters
	 */
	static String entryId(String principalName) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(principalName.getBytes(StandardCharsets.UTF_8));
			return ENTRY_ID_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, HASH_CHARACTERS);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

	/**
	 * Read the members of a principal's entry.
	 * @return the member ids with when each was indexed, oldest first; empty if there is no entry
	 * @throws RuntimeException what the store throws
	 */
	Map<String, Instant> members(SessionRepository<Session> store, String principalName) {
		Session entry = store.findById(entryId(principalName));
		return (entry != null && principalName.equals(entry.getAttribute(NAME_ATTRIBUTE))) ? membersOf(entry)
				: Map.of();
	}

	/**
	 * Add and remove members of a principal's entry, creating it if needed, and refresh its
	 * lifetime; nothing is written if nothing changes. An unreadable entry is rebuilt from the
	 * members that can be read.
	 * @return whether the entry was written
	 * @throws RuntimeException what the store throws
	 */
	boolean update(SessionRepository<Session> store, String principalName, Collection<String> added,
			Collection<String> removed) {
		String id = entryId(principalName);
		Session found = store.findById(id);
		if (found == null && added.isEmpty()) {
			return false;
		}
		if (found != null) {
			return write(store, found, principalName, added, removed, false);
		}
		Session entry = newEntry(store, id);
		if (entry == null) {
			return false;
		}
		try {
			return write(store, entry, principalName, added, removed, true);
		}
		catch (RuntimeException ex) {
			Session created = store.findById(id);
			if (created == null) {
				throw ex;
			}
			return write(store, created, principalName, added, removed, false);
		}
	}

	/**
	 * Apply the changes to an entry and save it; a store that refuses a second new entry under the
	 * same id (JDBC's unique id) gets the changes onto the one another instance created.
	 */
	private boolean write(SessionRepository<Session> store, Session entry, String principalName,
			Collection<String> added, Collection<String> removed, boolean created) {
		boolean changed = created | rebuild(entry, principalName);
		Map<String, Instant> members = new LinkedHashMap<>(membersOf(entry));
		for (String member : removed) {
			if (members.remove(member) != null) {
				entry.removeAttribute(member);
				changed = true;
			}
		}
		Instant now = now();
		for (String member : added) {
			if (SessionIds.isWellFormed(member) && !members.containsKey(member)) {
				members.put(member, now);
				entry.setAttribute(member, now.toEpochMilli());
				changed = true;
			}
		}
		changed |= dropBeyondBound(entry, members);
		if (!changed) {
			return false;
		}
		entry.setMaxInactiveInterval(ENTRY_LIFETIME);
		entry.setLastAccessedTime(now);
		store.save(entry);
		return true;
	}

	private @Nullable Session newEntry(SessionRepository<Session> store, String id) {
		Session entry = this.sessionIdGenerator.withPreservedId(id, store::createSession);
		if (!id.equals(entry.getId())) {
			logger.debug("Session store " + store.getClass().getName() + " does not use the front's session id "
					+ "generator: it cannot keep the principal index");
			return null;
		}
		return entry;
	}

	/**
	 * Make an entry readable: its name this principal's, every other attribute a member.
	 * @return whether anything had to change
	 */
	private static boolean rebuild(Session entry, String principalName) {
		boolean changed = false;
		if (!principalName.equals(entry.getAttribute(NAME_ATTRIBUTE))) {
			if (entry.getAttribute(NAME_ATTRIBUTE) != null) {
				logger.warn("Index entry " + entry.getId() + " held another principal name or none readable; rebuilt "
						+ "for this principal");
				for (String attribute : new ArrayList<>(entry.getAttributeNames())) {
					entry.removeAttribute(attribute);
				}
			}
			entry.setAttribute(NAME_ATTRIBUTE, principalName);
			changed = true;
		}
		for (String attribute : new ArrayList<>(entry.getAttributeNames())) {
			if (!NAME_ATTRIBUTE.equals(attribute) && !isMember(attribute, entry.getAttribute(attribute))) {
				logger.warn("Index entry " + entry.getId() + " held an unreadable member; it is left out");
				entry.removeAttribute(attribute);
				changed = true;
			}
		}
		return changed;
	}

	private boolean dropBeyondBound(Session entry, Map<String, Instant> members) {
		int excess = members.size() - this.maxMembers;
		if (excess <= 0) {
			return false;
		}
		members.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByValue(Comparator.naturalOrder()))
			.limit(excess)
			.map(Map.Entry::getKey)
			.toList()
			.forEach((member) -> {
				members.remove(member);
				entry.removeAttribute(member);
			});
		logger.warn("Index entry " + entry.getId() + " reached its bound of " + this.maxMembers + " sessions: the "
				+ excess + " indexed longest ago are no longer indexed (they stay valid, but are not found by principal "
				+ "name and not counted by concurrent-session control)");
		return true;
	}

	/**
	 * Return the readable members of an entry, oldest first.
	 */
	static Map<String, Instant> membersOf(Session entry) {
		Map<String, Instant> members = new LinkedHashMap<>();
		entry.getAttributeNames()
			.stream()
			.filter((name) -> isMember(name, entry.getAttribute(name)))
			.sorted(Comparator.comparing((String name) -> entry.<Long>getAttribute(name)).thenComparing(name -> name))
			.forEach((name) -> members.put(name, Instant.ofEpochMilli(entry.<Long>getAttribute(name))));
		return members;
	}

	private static boolean isMember(String attribute, @Nullable Object value) {
		return SessionIds.isWellFormed(attribute) && value instanceof Long;
	}

}
