/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import io.dynamicbean.memcached.ReplicaSet.Copy;
import io.dynamicbean.memcached.ReplicaSet.Replaced;
import io.dynamicbean.memcached.support.CompactValues;
import io.dynamicbean.memcached.support.DecodedValueCache;
import io.dynamicbean.memcached.support.MemcachedNode.Written;
import io.dynamicbean.memcached.support.RevisionTranscoder.Item;
import io.dynamicbean.memcached.support.SessionCodec;
import io.dynamicbean.memcached.support.SessionEntry;
import io.dynamicbean.memcached.support.SessionKeys;
import io.dynamicbean.session.DataGenerationAware;
import io.dynamicbean.session.SessionInvalidatedException;
import io.dynamicbean.session.serialization.DeserializationAllowList;
import io.dynamicbean.session.serialization.UnreadableValues;
import net.spy.memcached.MemcachedClient;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.session.MapSession;
import org.springframework.session.SessionIdGenerator;
import org.springframework.session.SessionRepository;
import org.springframework.session.UuidSessionIdGenerator;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * A Spring Session {@link SessionRepository} that keeps each session in one memcached item, under
 * the key prefix followed by the session id, expiring after the session's max inactive interval,
 * and keeps Spring Session's repository contract under concurrent requests of one session.
 *
 * <p><b>Merge on write.</b> {@link #findById} is one {@code gets}, which keeps the item's CAS value
 * with the session. {@link #save} writes only what the request changed (attributes set and
 * removed, max inactive interval, last-access time, id) onto the item as read, with one
 * {@code cas}: a request that changed its session costs two round trips, one that only read it
 * one. When another request wrote the item meanwhile, the save reads it again and applies its
 * changes onto that version (per attribute, the last writer wins), at most
 * {@value #MAX_WRITE_ATTEMPTS} times, then throws {@link SessionWriteConflictException}; it never
 * overwrites another request's change blindly. Only changed values are serialized; the others are
 * written back as the bytes read.
 *
 * <p><b>Deletions stick.</b> {@link #deleteById} reads the session, then replaces the item with a
 * tombstone kept for the session's own max inactive interval, or the default one when longer. A save of a session that is not new, whose item is gone or a
 * tombstone, throws {@link SessionInvalidatedException} ("Session was invalidated", as Spring
 * Session's Redis repositories): a stale copy never brings a deleted session back, and a new
 * session is never added over a tombstone. A changed id first turns the item under the original id
 * into a tombstone with {@code cas}, then adds the session under its new id: of two copies changing
 * the id, exactly one succeeds.
 *
 * <p><b>Last-access time.</b> A save whose only change is the last-access time writes nothing
 * while the stored expiry is more than half the max inactive interval away, and otherwise
 * rewrites the stored header with one {@code cas}, the attribute bytes unchanged: reads decide
 * expiry from the stored header, which a {@code touch} could not update. So a session idle after
 * its last request expires between half and all of its max inactive interval after it.
 *
 * <p>Nothing from the client reaches memcached unchecked: a malformed session id is "not found"
 * without any operation. Values are read back through an allow-list of classes with limits on
 * size, depth and references; an entry that is garbage, belongs to another id or holds a class off
 * the list is logged at WARN and treated as "not found": never a foreign object, never an error.
 * Bytes read before whose value requests can share (immutable values, security contexts) are not
 * deserialized again: see {@link #setDecodedValueCacheSize}.
 *
 * <p><b>Nodes.</b> The repository works on a {@link MemcachedCluster}: each session lives on its
 * primary node (ketama) and, with {@link #setBackup backup} on and two or more nodes, a copy on
 * its backup node (the next distinct node on the ring) written in the same round trip as the
 * primary: a {@code cas} of the same bytes sent with the primary's and waited for when the read
 * found the backup holding the primary's copy, else a {@code set} not waited for; a home node
 * this instance does not see answering yet is sent the copy too, so that a frozen node applies
 * it when it resumes. Reads ask the primary and the backup at once and wait for both within one
 * operation timeout: the newer copy wins (a tombstone always wins), and a primary that misses the
 * item (restarted empty) or holds an older copy (it was frozen) is rewritten from the backup. When
 * one of them fails, the next answering node is asked in its place; when both miss the item, the
 * other answering nodes are asked next, at once: a session written while its primary and backup
 * were down lives on the next nodes of the ring, and is moved back. A write by {@code cas} reads
 * the backup at once, and when the backup holds a newer revision or a tombstone the node written
 * had missed, the changes are written again onto that copy, or the save is refused: a CAS value
 * still valid on a node proves nothing of the writes the others took while it was frozen. For
 * {@link MemcachedCluster#SETTLING_TIME} after a node changed state, while other instances may not
 * have noticed yet and read and write other nodes, the sessions that may live on that node are read
 * from their first {@value MemcachedCluster#SETTLING_SPREAD} answering nodes at once, and each
 * write of them is checked against and copied to those nodes, waiting for them (one more round
 * trip); other
 * sessions are not affected. A logout's tombstone is copied to every answering node, and held for
 * each node that does not answer, to be written on it before it serves requests again. A
 * node whose operation fails is left alone, and its keys go to the next answering nodes on the
 * ring, reads and writes alike, until it answers again: a dead or frozen node affects only the
 * requests that were waiting on it when it failed, and each of those is retried once on the other
 * nodes. The CAS value of a session is only ever used on the node it came from. An operation
 * throws only when no node answers: while the last nodes are only failing (probed, not yet down)
 * it fails fast, without contacting memcached ({@link MemcachedUnavailableException#isFailedFast()}).
 * These rules of the nodes live apart from this class's write policy, in the package's internal
 * {@code ReplicaSet}.
 *
 * <p>Failures are exceptions, never silently ignored: an operation that times out, is cancelled
 * (no server connected) or cannot be queued throws {@link MemcachedUnavailableException}; a write
 * that memcached refuses throws {@link MemcachedStoreException}; a session over the item size
 * throws {@link SessionTooLargeException} and one that cannot be serialized
 * {@link SessionSerializationException}, after deleting its previous item so that no stale copy
 * is served. While no node answers, operations fail at once without contacting memcached.
 *
 * <p>A value that this release cannot read (its class changed or is missing, the allow-list
 * refuses it, its bytes are corrupt) is left out of the session found, and counted and logged by
 * {@link #getUnreadableValues()}; the session, its login and its other values are served, and the
 * value's bytes are written back untouched by every save that does not set or remove it, so an
 * instance that can read it still gets it. Only an entry whose header cannot be read is "no
 * session".
 *
 * <p>Defaults: key prefix {@value #DEFAULT_KEY_PREFIX}, max item size 1 MB (memcached's own
 * default), session ids from a {@link UuidSessionIdGenerator}, max inactive interval
 * {@link MapSession#DEFAULT_MAX_INACTIVE_INTERVAL 30 minutes} for new sessions, the operation
 * timeout of the clients, backup on, no application types on the allow-list, a
 * {@link DecodedValueCache} of 32 MB, the values every request reads written in the compact
 * encoding (see {@link #setCompactValues}), the system UTC clock, no
 * {@link #setStoreListener store listener}.
 */
public class MemcachedSessionRepository
		implements SessionRepository<MemcachedSession>, DataGenerationAware, BeanClassLoaderAware {

	/** The store name in logs and meters. */
	static final String STORE_NAME = "memcached";

	/** Default prefix of every session key. */
	public static final String DEFAULT_KEY_PREFIX = "dynamic-bean:session:";

	/** Default item size limit: memcached's own default ({@code -I 1m}). */
	public static final DataSize DEFAULT_MAX_ITEM_SIZE = DataSize.ofMegabytes(1);

	/**
	 * How many times a save tries to write its changes when other requests keep writing the same
	 * session. Each round of racing saves lets at least one through, so that requests racing on
	 * one session all save within as many attempts as there are requests: 32 covers a page's
	 * parallel requests with room to spare.
	 */
	public static final int MAX_WRITE_ATTEMPTS = 32;

	private static final Log logger = LogFactory.getLog(MemcachedSessionRepository.class);

	private final MemcachedCluster cluster;

	private final SessionItems items;

	private final ReplicaSet replicas;

	private DataSize maxItemSize = DEFAULT_MAX_ITEM_SIZE;

	private DeserializationAllowList allowList = new DeserializationAllowList();

	private @Nullable ClassLoader classLoader;

	private DataSize decodedValueCacheSize = DecodedValueCache.DEFAULT_MAX_SIZE;

	private boolean compactValues = true;

	private SessionIdGenerator sessionIdGenerator = UuidSessionIdGenerator.getInstance();

	private Duration defaultMaxInactiveInterval = MapSession.DEFAULT_MAX_INACTIVE_INTERVAL;

	private Clock clock = Clock.systemUTC();

	private MemcachedStoreListener storeListener = MemcachedStoreListener.NONE;

	private UnreadableValues unreadableValues = new UnreadableValues(STORE_NAME);

	/**
	 * Create a repository on the nodes of a cluster.
	 * @param cluster the memcached nodes, whose operation timeout bounds every wait
	 */
	public MemcachedSessionRepository(MemcachedCluster cluster) {
		Assert.notNull(cluster, "cluster must not be null");
		this.cluster = cluster;
		this.items = new SessionItems(new SessionKeys(DEFAULT_KEY_PREFIX), createCodec(), this.maxItemSize, this.clock);
		this.replicas = new ReplicaSet(cluster, this.items);
	}

	/**
	 * Create a repository on one client, as a cluster of one node.
	 * @param client the memcached client, whose operation timeout bounds every wait
	 */
	public MemcachedSessionRepository(MemcachedClient client) {
		this(MemcachedCluster.of(client));
	}

	@Override
	public MemcachedSession createSession() {
		return new MemcachedSession(this.sessionIdGenerator, this.defaultMaxInactiveInterval, this.clock.instant());
	}

	@Override
	public @Nullable MemcachedSession findById(String id) {
		String key = this.items.keyOf(id);
		if (key == null) {
			logger.debug("Malformed session id of " + ((id != null) ? id.length() : 0) + " characters: not looked up");
			return null;
		}
		Copy read = retried(() -> this.replicas.read(key));
		SessionEntry entry = (read != null) ? read.entry() : null;
		if (entry == null || entry.isTombstone() || entry.isExpired(this.clock.instant())) {
			return null;
		}
		entry.getUnreadableValues().forEach(this.unreadableValues::record);
		return new MemcachedSession(entry, read.cas(), this.sessionIdGenerator).storedAt(read.node(),
				read.item().revision(), read.backup());
	}

	/**
	 * Run a step once more, on the nodes that still answer, when a node failed under it.
	 */
	private <T> T retried(Supplier<T> step) {
		try {
			return step.get();
		}
		catch (MemcachedUnavailableException ex) {
			if (!this.cluster.isAnswering()) {
				throw ex;
			}
			logger.debug("Retrying on the nodes that answer: " + ex.getMessage());
			return step.get();
		}
	}

	@Override
	public void save(MemcachedSession session) {
		String key = this.items.keyOf(session.getId());
		if (key == null) {
			throw new MemcachedStoreException("Session id '" + session.getId() + "' cannot be a memcached key: use a "
					+ "SessionIdGenerator that makes 16 to 128 letters, digits, '-' or '_'", null);
		}
		retried(() -> {
			write(session, key);
			return null;
		});
	}

	private void write(MemcachedSession session, String key) {
		if (session.isNew()) {
			saveNew(session, key);
		}
		else if (session.isIdChanged()) {
			saveUnderNewId(session, key);
		}
		else if (session.hasChangesBesidesLastAccess()) {
			merge(session, key);
		}
		else if (session.hasChanges()) {
			refreshLastAccess(session, key);
		}
	}

	/**
	 * Add a new session; where its id is taken (a tombstone, a session saved by another copy),
	 * merge onto what is there.
	 */
	private void saveNew(MemcachedSession session, String key) {
		Duration maxInactive = session.getMaxInactiveInterval();
		if (!maxInactive.isNegative()
				&& !this.clock.instant().isBefore(session.getLastAccessedTime().plus(maxInactive))) {
			return;
		}
		for (int attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
			SessionEntry entry = mergedEntry(session, key);
			int primary = this.replicas.primaryOf(key);
			Item item = new Item(1, encode(entry, session, key));
			Written added = this.replicas.add(key, primary, entry, item);
			if (added.isStored()) {
				written(item);
				session.saved(entry, added.cas());
				session.storedAt(primary, item.revision());
				return;
			}
			casConflict(true);
			Copy read = this.replicas.read(key);
			if (read != null) {
				session.rebase(readForWrite(read, session, key), read.cas());
				session.storedAt(read.node(), read.item().revision(), read.backup());
				merge(session, key);
				return;
			}
		}
		throw conflict(key);
	}

	/**
	 * Write the changes of a session onto its entry in memcached, with compare-and-set, reading it
	 * again after a conflict.
	 */
	private void merge(MemcachedSession session, String key) {
		for (int attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
			if (session.getCas() == 0 || session.getNode() != this.replicas.primaryOf(key)) {
				reread(session, key);
			}
			SessionEntry entry = mergedEntry(session, key);
			int node = session.getNode();
			Item item = new Item(session.getRevision() + 1, encode(entry, session, key));
			Replaced replaced = this.replicas.replace(key, node, session.getCas(), entry, item, session.getRevision(),
					session.getBackup());
			Written written = replaced.written();
			if (written.isStored() && replaced.newer() != null) {
				catchUp(session, key, node, written, replaced.newer(), item.revision());
				continue;
			}
			if (written.isStored()) {
				written(item);
				session.saved(entry, written.cas());
				session.storedAt(node, item.revision(), replaced.backup());
				return;
			}
			if (written.status() == Written.Status.NOT_FOUND) {
				throw invalidated(session, key);
			}
			retrying(session, key, attempt);
		}
		throw conflict(key);
	}

	/**
	 * Claim the original id of a session whose id changed by turning its entry into a tombstone
	 * with compare-and-set, then add the session under its new id.
	 */
	private void saveUnderNewId(MemcachedSession session, String key) {
		String originalKey = this.items.keyOf(session.getOriginalId());
		Assert.state(originalKey != null, "A session found in memcached has a valid original id");
		for (int attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
			if (session.getCas() == 0 || session.getNode() != this.replicas.primaryOf(originalKey)) {
				reread(session, originalKey);
			}
			SessionEntry entry = mergedEntry(session, key);
			encode(entry, session, key); // refuses a session too large before its old id is given up
			SessionEntry base = session.getBase();
			Assert.state(base != null, "A saved session has an entry");
			SessionEntry tombstone = SessionEntry.tombstone(session.getOriginalId(), this.clock.instant(),
					base.getMaxInactiveInterval());
			int node = session.getNode();
			Item claim = new Item(session.getRevision() + 1, this.items.encode(tombstone, originalKey));
			Replaced replaced = this.replicas.replaceWithTombstone(originalKey, node, session.getCas(), tombstone,
					claim, session.getRevision());
			Written claimed = replaced.written();
			if (claimed.isStored() && replaced.newer() != null) {
				Copy newer = replaced.newer();
				if (newer.isTombstone()) {
					throw invalidated(session, originalKey);
				}
				session.rebase(newer.entry(), claimed.cas());
				entry = mergedEntry(session, key);
			}
			if (claimed.isStored()) {
				this.replicas.replicateTombstone(originalKey, node, tombstone, claim);
				session.movedToNewId(entry);
				saveNew(session, key);
				return;
			}
			if (claimed.status() == Written.Status.NOT_FOUND) {
				throw invalidated(session, originalKey);
			}
			retrying(session, originalKey, attempt);
		}
		throw conflict(originalKey);
	}

	/**
	 * Refresh the stored last-access time, rarely: see the class documentation for the rule.
	 */
	private void refreshLastAccess(MemcachedSession session, String key) {
		SessionEntry base = session.getBase();
		Assert.state(base != null, "A saved session has an entry");
		if (session.getCas() == 0 || !needsRefresh(base) || session.getNode() != this.replicas.primaryOf(key)) {
			return;
		}
		if (base.getRawAttributes().containsValue(null)) {
			merge(session, key);
			return;
		}
		Instant lastAccessed = session.getLastAccessedTime().isAfter(base.getLastAccessedTime())
				? session.getLastAccessedTime() : base.getLastAccessedTime();
		SessionEntry refreshed = base.withLastAccessedTime(lastAccessed);
		int node = session.getNode();
		Item item = new Item(session.getRevision() + 1, encode(refreshed, session, key));
		Replaced replaced = this.replicas.replace(key, node, session.getCas(), refreshed, item,
				session.getRevision(), session.getBackup());
		Written written = replaced.written();
		if (written.isStored() && replaced.newer() != null) {
			catchUp(session, key, node, written, replaced.newer(), item.revision());
			merge(session, key);
			return;
		}
		if (written.status() == Written.Status.NOT_FOUND) {
			throw invalidated(session, key);
		}
		if (written.isStored()) {
			written(item);
		}
		int revision = written.isStored() ? item.revision() : session.getRevision();
		session.saved(written.isStored() ? refreshed : base, written.cas());
		session.storedAt(node, revision, replaced.backup());
	}

	/**
	 * Base a session on the newer copy another node holds, after a write on a node that had missed
	 * it: its changes are written again onto that copy, at a revision above both. A tombstone
	 * means the session is gone: the node written is given it, and the save refused.
	 */
	private void catchUp(MemcachedSession session, String key, int node, Written written, Copy newer,
			int writtenRevision) {
		if (newer.isTombstone()) {
			this.replicas.restoreTombstone(key, node, written.cas(), newer);
			throw invalidated(session, key);
		}
		logger.debug("Session '" + key + "' was written on another node meanwhile: catching up");
		session.rebase(newer.entry(), written.cas());
		session.storedAt(node, Math.max(newer.item().revision(), writtenRevision), newer.asBackup());
	}

	/**
	 * Tell whether the stored expiry of a session is at most half its max inactive interval away.
	 */
	boolean needsRefresh(SessionEntry stored) {
		Duration maxInactive = stored.getMaxInactiveInterval();
		if (maxInactive.isNegative()) {
			return false;
		}
		Duration left = Duration.between(this.clock.instant(), stored.getLastAccessedTime().plus(maxInactive));
		return left.compareTo(maxInactive.dividedBy(2)) <= 0;
	}

	private void reread(MemcachedSession session, String key) {
		Copy read = this.replicas.read(key);
		if (read == null) {
			throw invalidated(session, key);
		}
		session.rebase(readForWrite(read, session, key), read.cas());
		session.storedAt(read.node(), read.item().revision(), read.backup());
	}

	/**
	 * The entry read to write onto: one that is a tombstone or unreadable means the session is
	 * gone.
	 */
	private SessionEntry readForWrite(Copy read, MemcachedSession session, String key) {
		SessionEntry entry = read.entry();
		if (entry == null || entry.isTombstone()) {
			throw invalidated(session, key);
		}
		return entry;
	}

	private void retrying(MemcachedSession session, String key, int attempt) {
		casConflict(attempt < MAX_WRITE_ATTEMPTS);
		if (logger.isDebugEnabled()) {
			logger.debug("Session '" + key + "' was written by another request since it was read; applying this "
					+ "request's changes onto the new version (attempt " + (attempt + 1) + " of " + MAX_WRITE_ATTEMPTS
					+ ")");
		}
		session.forgetCas();
	}

	private void casConflict(boolean retrying) {
		try {
			this.storeListener.onCasConflict(retrying);
		}
		catch (RuntimeException ex) {
			logger.debug("Memcached store listener " + this.storeListener + " threw; ignored", ex);
		}
	}

	private void written(Item item) {
		try {
			this.storeListener.onSessionWritten(item.data().length);
		}
		catch (RuntimeException ex) {
			logger.debug("Memcached store listener " + this.storeListener + " threw; ignored", ex);
		}
	}

	private SessionInvalidatedException invalidated(MemcachedSession session, String key) {
		logger.debug("Not saving session '" + key + "': it was deleted, or its id changed, since it was read");
		return new SessionInvalidatedException(session.getOriginalId());
	}

	private SessionWriteConflictException conflict(String key) {
		return new SessionWriteConflictException("Session '" + key + "' was written by other requests at each of "
				+ MAX_WRITE_ATTEMPTS + " attempts to save this request's changes; they were not saved (never "
				+ "written over the other requests' changes): retry the request", null);
	}

	private SessionEntry mergedEntry(MemcachedSession session, String key) {
		try {
			return session.merge((name, value) -> this.items.serialize(name, value, key));
		}
		catch (SessionTooLargeException | SessionSerializationException ex) {
			refuse(ex, session);
			throw ex;
		}
	}

	private byte[] encode(SessionEntry entry, MemcachedSession session, String key) {
		try {
			return this.items.encode(entry, key);
		}
		catch (SessionTooLargeException ex) {
			refuse(ex, session);
			throw ex;
		}
	}

	/**
	 * Log why a session is not saved and, unless it is new, delete its stored copy: a session
	 * that cannot be written must not be served as it was.
	 */
	private void refuse(RuntimeException ex, MemcachedSession session) {
		logger.warn(ex.getMessage());
		if (!session.isNew()) {
			String key = this.items.keyOf(session.getOriginalId());
			if (key != null) {
				this.replicas.deleteStaleCopy(key);
			}
		}
	}

	/**
	 * Delete a session by replacing its item with a tombstone, so that no stale copy of the
	 * session can be saved or served again. The session is read first: the tombstone is kept for
	 * its own max inactive interval, or the default one when that is longer or the session cannot
	 * be read (for ever when the session never expires), so that it outlives every copy a node
	 * may still hold. Deleting an unknown id, or an id twice, is no error.
	 * @param id the session id
	 */
	@Override
	public void deleteById(String id) {
		String key = this.items.keyOf(id);
		if (key != null) {
			SessionEntry tombstone = SessionEntry.tombstone(id, this.clock.instant(), tombstoneLifetime(key));
			Item item = new Item(0, this.items.encode(tombstone, key));
			retried(() -> {
				this.replicas.writeTombstone(key, tombstone, item);
				return null;
			});
		}
	}

	/**
	 * How long the tombstone of a key lives: the longer of the default max inactive interval and
	 * the interval of the session it replaces, negative (for ever) when that never expires.
	 */
	private Duration tombstoneLifetime(String key) {
		Duration lifetime = this.defaultMaxInactiveInterval.isNegative() ? MapSession.DEFAULT_MAX_INACTIVE_INTERVAL
				: this.defaultMaxInactiveInterval;
		try {
			Copy read = retried(() -> this.replicas.read(key));
			SessionEntry entry = (read != null) ? read.entry() : null;
			if (entry != null && !entry.isTombstone()) {
				Duration own = entry.getMaxInactiveInterval();
				return (own.isNegative() || own.compareTo(lifetime) > 0) ? own : lifetime;
			}
		}
		catch (MemcachedStoreException ex) {
			logger.debug("Session '" + key + "' not read before its deletion; its tombstone lives the default "
					+ "interval: " + ex.getMessage());
		}
		return lifetime;
	}

	/**
	 * Return the generations of the data of a session's home nodes (its primary, and with backups
	 * its backup node, on the ring), as last read: they change when one of them restarts empty,
	 * and the session front then takes a session this store misses for lost, not deleted, even
	 * though its epoch marker lives on other nodes and survived.
	 * @param sessionId the session id
	 * @return the generations, or {@code null} when the id is malformed or a home node's
	 * generation is not known
	 */
	@Override
	public @Nullable String dataGenerationOf(String sessionId) {
		return generationsOf(sessionId, false);
	}

	/**
	 * Return the generations of the data of a session's home nodes, as {@link #dataGenerationOf},
	 * read again from those that answer: one {@code get} each.
	 * @param sessionId the session id
	 * @return the generations, or {@code null} when not known
	 */
	@Override
	public @Nullable String readDataGenerationOf(String sessionId) {
		return generationsOf(sessionId, true);
	}

	private @Nullable String generationsOf(String sessionId, boolean readAgain) {
		String key = this.items.keyOf(sessionId);
		return (key != null) ? this.replicas.generationsOf(key, readAgain) : null;
	}

	private SessionCodec createCodec() {
		return new SessionCodec(this.allowList.withMaxBytes(this.maxItemSize.toBytes()), this.classLoader,
				new DecodedValueCache(this.decodedValueCacheSize), this.compactValues);
	}

	private void updateCodec() {
		this.items.setCodec(createCodec(), this.maxItemSize);
	}

	@Override
	public void setBeanClassLoader(ClassLoader classLoader) {
		this.classLoader = classLoader;
		updateCodec();
	}

	/**
	 * Set where values this repository cannot read are counted and reported, for example one
	 * shared by every repository of the application so that counts survive a new repository.
	 * @param unreadableValues the counts, not {@code null}; this repository's own by default
	 */
	public void setUnreadableValues(UnreadableValues unreadableValues) {
		Assert.notNull(unreadableValues, "unreadableValues must not be null");
		this.unreadableValues = unreadableValues;
	}

	/**
	 * Return the counts of the attribute values left out of the sessions found because they
	 * could not be read, by reason (store name {@code memcached}).
	 * @return the unreadable values
	 */
	public UnreadableValues getUnreadableValues() {
		return this.unreadableValues;
	}

	/**
	 * Set the prefix of every session key.
	 * @param keyPrefix printable ASCII without spaces, at most 100 characters, possibly empty;
	 * {@value #DEFAULT_KEY_PREFIX} by default
	 */
	public void setKeyPrefix(String keyPrefix) {
		this.items.setKeys(new SessionKeys(keyPrefix));
	}

	/**
	 * Set the largest memcached item: a session whose encoding, key and item header do not fit is
	 * not written, and a larger entry is not read.
	 * @param maxItemSize the size, matching memcached's {@code -I} option, at least 1 KB; 1 MB by
	 * default
	 */
	public void setMaxItemSize(DataSize maxItemSize) {
		Assert.isTrue(maxItemSize != null && maxItemSize.toBytes() >= 1024,
				"dynamic-bean.memcached.max-item-size must be at least 1KB");
		this.maxItemSize = maxItemSize;
		updateCodec();
	}

	/**
	 * Set what session attribute values may be deserialized to; its byte limit is replaced by the
	 * max item size.
	 * @param allowList the allow-list, not {@code null}; the defaults of
	 * {@link DeserializationAllowList} (no application types) by default
	 */
	public void setDeserializationAllowList(DeserializationAllowList allowList) {
		Assert.notNull(allowList, "allowList must not be null");
		this.allowList = allowList;
		updateCodec();
	}

	/**
	 * Set the heap budget of the decoded attribute values remembered, so that the same bytes read
	 * again are not deserialized again: immutable values and security contexts only, see
	 * {@link DecodedValueCache}.
	 * @param decodedValueCacheSize the budget, {@code 0} to deserialize every value at every
	 * read; 32 MB by default
	 */
	public void setDecodedValueCacheSize(DataSize decodedValueCacheSize) {
		Assert.isTrue(decodedValueCacheSize != null && !decodedValueCacheSize.isNegative(),
				"dynamic-bean.memcached.decoded-value-cache-size must not be negative");
		this.decodedValueCacheSize = decodedValueCacheSize;
		updateCodec();
	}

	/**
	 * Set whether to write the values every request reads (a form login's security context, the
	 * CSRF token, strings) in the compact encoding of {@link CompactValues}, read without Java
	 * serialization; other values are written with Java serialization either way. This release
	 * reads both encodings whatever this says; a release without this setting wrote only Java
	 * serialization and reads compact values as unreadable values (left out of the session, kept in
	 * the store), so when upgrading from one, deploy with this off first and turn it on once no
	 * instance of the earlier release shares the store.
	 * @param compactValues whether to write compact values; {@code true} by default
	 */
	public void setCompactValues(boolean compactValues) {
		this.compactValues = compactValues;
		updateCodec();
	}

	/**
	 * Set the generator of the ids of new sessions, and of the new ids of sessions whose id
	 * changes. Behind a switchable session front, use the front's id generator, so that sessions
	 * moved from its local store keep their ids.
	 * @param sessionIdGenerator the generator, not {@code null}; a {@link UuidSessionIdGenerator}
	 * by default
	 */
	public void setSessionIdGenerator(SessionIdGenerator sessionIdGenerator) {
		Assert.notNull(sessionIdGenerator, "sessionIdGenerator must not be null");
		this.sessionIdGenerator = sessionIdGenerator;
	}

	/**
	 * Set the max inactive interval of new sessions.
	 * @param defaultMaxInactiveInterval the interval, negative for sessions that never expire, not
	 * {@code null}; 30 minutes by default
	 */
	public void setDefaultMaxInactiveInterval(Duration defaultMaxInactiveInterval) {
		Assert.notNull(defaultMaxInactiveInterval, "defaultMaxInactiveInterval must not be null");
		this.defaultMaxInactiveInterval = defaultMaxInactiveInterval;
	}

	/**
	 * Set whether each session is also written to a backup node, the next distinct node on the
	 * ring after its primary. Does nothing with one node.
	 * @param backup whether to keep backups; {@code true} by default
	 */
	public void setBackup(boolean backup) {
		this.replicas.setBackup(backup);
	}

	/**
	 * Set the listener told of every operation on the nodes, of compare-and-set conflicts and of
	 * the size of each session written, for example the session store metrics.
	 * @param storeListener the listener, not {@code null}; {@link MemcachedStoreListener#NONE} by
	 * default
	 */
	public void setStoreListener(MemcachedStoreListener storeListener) {
		Assert.notNull(storeListener, "storeListener must not be null");
		this.storeListener = storeListener;
		this.replicas.setStoreListener(storeListener);
	}

	/**
	 * Return the memcached nodes of this repository.
	 * @return the cluster
	 */
	public MemcachedCluster getCluster() {
		return this.cluster;
	}

	/**
	 * Set the clock that decides whether a session has expired.
	 * @param clock the clock, not {@code null}; {@link Clock#systemUTC()} by default
	 */
	public void setClock(Clock clock) {
		Assert.notNull(clock, "clock must not be null");
		this.clock = clock;
		this.items.setClock(clock);
	}

	/**
	 * Return the prefix of every session key.
	 * @return the key prefix
	 */
	public String getKeyPrefix() {
		return this.items.getKeyPrefix();
	}

}
