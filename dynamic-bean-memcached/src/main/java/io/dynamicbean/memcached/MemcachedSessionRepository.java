/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.dynamicbean.memcached.support.InvalidSessionEntryException;
import io.dynamicbean.memcached.support.RawBytesTranscoder;
import io.dynamicbean.memcached.support.SessionCodec;
import io.dynamicbean.memcached.support.SessionKeys;
import io.dynamicbean.session.serialization.DeserializationAllowList;
import net.spy.memcached.MemcachedClient;
import net.spy.memcached.internal.OperationFuture;
import net.spy.memcached.ops.OperationException;
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
 * the key prefix followed by the session id, expiring after the session's max inactive interval.
 *
 * <p>Each {@link #findById} is one {@code get} and each {@link #save} one {@code set} (a session
 * whose id changed also has its old item deleted, without waiting for the answer). Behind the
 * switchable session front and its {@code SwitchableSessionRequestFilter}, a request calls each
 * at most once, so a request costs at most two memcached round trips.
 *
 * <p>Nothing from the client reaches memcached unchecked: a malformed session id is "not found"
 * without any operation. Values are read back through an allow-list of classes with limits on
 * size, depth and references; an entry that is garbage, belongs to another id or holds a class off
 * the list is logged at WARN and treated as "not found": never a foreign object, never an error.
 *
 * <p>Failures are exceptions, never silently ignored: an operation that times out, is cancelled
 * (no server connected) or cannot be queued throws {@link MemcachedUnavailableException}; a
 * {@code set} that memcached refuses throws {@link MemcachedStoreException}; a session over the item
 * size throws {@link SessionTooLargeException} and one that cannot be serialized
 * {@link SessionSerializationException}, after deleting its previous item so that no stale copy
 * is served. For one operation timeout after memcached failed, operations fail fast without
 * contacting it, so that a request waits for at most one timeout.
 *
 * <p>Defaults: key prefix {@value #DEFAULT_KEY_PREFIX}, max item size 1 MB (memcached's own
 * default), session ids from a {@link UuidSessionIdGenerator}, max inactive interval
 * {@link MapSession#DEFAULT_MAX_INACTIVE_INTERVAL 30 minutes} for new sessions, the operation
 * timeout of the client, no application types on the allow-list, the system UTC clock.
 */
public class MemcachedSessionRepository implements SessionRepository<MapSession>, BeanClassLoaderAware {

	/** Default prefix of every session key. */
	public static final String DEFAULT_KEY_PREFIX = "dynamic-bean:session:";

	/** Default item size limit: memcached's own default ({@code -I 1m}). */
	public static final DataSize DEFAULT_MAX_ITEM_SIZE = DataSize.ofMegabytes(1);

	/** Bytes of an item taken by memcached's item header, besides key and value. */
	static final int ITEM_HEADER_BYTES = 96;

	/** Memcached reads expirations longer than this many seconds as absolute Unix times. */
	private static final long MAX_RELATIVE_EXPIRY_SECONDS = Duration.ofDays(30).toSeconds();

	private static final Log logger = LogFactory.getLog(MemcachedSessionRepository.class);

	private final MemcachedClient client;

	private final long timeoutMillis;

	private SessionKeys keys = new SessionKeys(DEFAULT_KEY_PREFIX);

	private DataSize maxItemSize = DEFAULT_MAX_ITEM_SIZE;

	private DeserializationAllowList allowList = new DeserializationAllowList();

	private @Nullable ClassLoader classLoader;

	private SessionCodec codec;

	private SessionIdGenerator sessionIdGenerator = UuidSessionIdGenerator.getInstance();

	private Duration defaultMaxInactiveInterval = MapSession.DEFAULT_MAX_INACTIVE_INTERVAL;

	private MemcachedOperationListener operationListener = new MemcachedOperationListener() {
	};

	private Clock clock = Clock.systemUTC();

	private volatile long failingFastUntil = System.nanoTime();

	/**
	 * Create a repository on a client.
	 * @param client the memcached client, whose operation timeout bounds every wait
	 */
	public MemcachedSessionRepository(MemcachedClient client) {
		Assert.notNull(client, "client must not be null");
		this.client = client;
		this.timeoutMillis = client.getOperationTimeout();
		this.codec = createCodec();
	}

	@Override
	public MapSession createSession() {
		MapSession session = new MapSession(this.sessionIdGenerator);
		session.setMaxInactiveInterval(this.defaultMaxInactiveInterval);
		return session;
	}

	@Override
	public @Nullable MapSession findById(String id) {
		String key = this.keys.keyOf(id);
		if (key == null) {
			logger.debug("Malformed session id of " + ((id != null) ? id.length() : 0) + " characters: not looked up");
			return null;
		}
		byte[] data = await("get", key, () -> this.client.asyncGet(key, RawBytesTranscoder.INSTANCE));
		if (data == null) {
			return null;
		}
		MapSession session;
		try {
			session = this.codec.decode(data, id);
		}
		catch (InvalidSessionEntryException ex) {
			logger.warn("Ignoring session entry '" + key + "' in memcached (" + data.length + " bytes): "
					+ ex.getMessage() + "; treated as no session");
			logger.debug("Unreadable session entry '" + key + "'", ex);
			return null;
		}
		if (isExpired(session)) {
			return null;
		}
		session.setSessionIdGenerator(this.sessionIdGenerator);
		return session;
	}

	private boolean isExpired(MapSession session) {
		Duration maxInactive = session.getMaxInactiveInterval();
		return !maxInactive.isNegative()
				&& !this.clock.instant().isBefore(session.getLastAccessedTime().plus(maxInactive));
	}

	@Override
	public void save(MapSession session) {
		String key = this.keys.keyOf(session.getId());
		if (key == null) {
			throw new MemcachedStoreException("Session id '" + session.getId() + "' cannot be a memcached key: use a "
					+ "SessionIdGenerator that makes 16 to 128 letters, digits, '-' or '_'", null);
		}
		byte[] data = encode(session, key);
		String originalKey = this.keys.keyOf(session.getOriginalId());
		if (originalKey != null && !originalKey.equals(key)) {
			deleteWithoutWaiting(originalKey);
		}
		set(key, expiry(session), data);
	}

	private byte[] encode(MapSession session, String key) {
		try {
			return this.codec.encode(session, maxValueBytes(key), key);
		}
		catch (SessionTooLargeException | SessionSerializationException ex) {
			logger.warn(ex.getMessage());
			deleteStaleCopy(session.getOriginalId());
			throw ex;
		}
	}

	private void set(String key, int expiry, byte[] data) {
		AtomicReference<@Nullable OperationFuture<Boolean>> set = new AtomicReference<>();
		Boolean stored = await("set", key, () -> {
			set.set(this.client.set(key, expiry, data, RawBytesTranscoder.INSTANCE));
			return set.get();
		});
		if (!Boolean.TRUE.equals(stored)) {
			OperationFuture<Boolean> future = set.get();
			throw new MemcachedStoreException("Memcached refused to store session '" + key + "' (" + data.length
					+ " bytes): " + ((future != null) ? future.getStatus().getMessage() : "no answer"), null);
		}
	}

	private void deleteWithoutWaiting(String key) {
		try {
			this.client.delete(key);
		}
		catch (RuntimeException ex) {
			logger.debug("Could not delete the old item '" + key + "' of a session whose id changed", ex);
		}
	}

	private void deleteStaleCopy(String sessionId) {
		String key = this.keys.keyOf(sessionId);
		if (key != null) {
			try {
				await("delete", key, () -> this.client.delete(key));
			}
			catch (MemcachedStoreException ex) {
				logger.debug("Could not delete the stale copy of session '" + key + "'", ex);
			}
		}
	}

	@Override
	public void deleteById(String id) {
		String key = this.keys.keyOf(id);
		if (key != null) {
			await("delete", key, () -> this.client.delete(key));
		}
	}

	private long maxValueBytes(String key) {
		return this.maxItemSize.toBytes() - key.length() - ITEM_HEADER_BYTES;
	}

	/** The memcached expiration: the time left before the session expires, at least 1 s. */
	private int expiry(MapSession session) {
		Duration maxInactive = session.getMaxInactiveInterval();
		if (maxInactive.isNegative()) {
			return 0;
		}
		Instant now = this.clock.instant();
		Instant expires = session.getLastAccessedTime().plus(maxInactive);
		long seconds = Math.max(1, Duration.between(now, expires).toSeconds() + 1);
		if (seconds <= MAX_RELATIVE_EXPIRY_SECONDS) {
			return (int) seconds;
		}
		return (int) Math.min(Integer.MAX_VALUE, now.getEpochSecond() + seconds);
	}

	/**
	 * Start an operation and wait for it for one operation timeout at most.
	 * @param operation the operation name, for messages
	 * @param key the key, for messages
	 * @param start starts the operation
	 * @return the result
	 * @throws MemcachedUnavailableException if memcached did not answer, or failed moments ago
	 * @throws MemcachedStoreException if memcached answered with an error
	 */
	private <T> @Nullable T await(String operation, String key, Supplier<? extends @Nullable Future<T>> start) {
		if (System.nanoTime() - this.failingFastUntil < 0) {
			throw new MemcachedUnavailableException("Memcached " + operation + " of '" + key + "' not attempted: "
					+ "memcached failed less than " + this.timeoutMillis + " ms ago", null, true);
		}
		Future<T> future = null;
		try {
			future = start.get();
			Assert.state(future != null, "No future");
			T result = future.get(this.timeoutMillis, TimeUnit.MILLISECONDS);
			this.operationListener.onSuccess();
			return result;
		}
		catch (TimeoutException ex) {
			future.cancel(false);
			throw failure("Memcached " + operation + " of '" + key + "' timed out after " + this.timeoutMillis + " ms",
					ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof OperationException refused) {
				this.operationListener.onSuccess();
				throw new MemcachedStoreException("Memcached refused the " + operation + " of '" + key + "': "
						+ refused.getMessage(), refused);
			}
			throw failure("Memcached " + operation + " of '" + key + "' failed: " + ex.getCause(), ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw failure("Interrupted during memcached " + operation + " of '" + key + "'", ex);
		}
		catch (RuntimeException ex) {
			throw failure("Memcached " + operation + " of '" + key + "' could not be started: " + ex, ex);
		}
	}

	private MemcachedUnavailableException failure(String message, @Nullable Throwable cause) {
		this.failingFastUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(this.timeoutMillis);
		MemcachedUnavailableException failure = new MemcachedUnavailableException(message, cause);
		this.operationListener.onFailure(failure);
		return failure;
	}

	private SessionCodec createCodec() {
		return new SessionCodec(this.allowList.withMaxBytes(this.maxItemSize.toBytes()), this.classLoader);
	}

	@Override
	public void setBeanClassLoader(ClassLoader classLoader) {
		this.classLoader = classLoader;
		this.codec = createCodec();
	}

	/**
	 * Set the prefix of every session key.
	 * @param keyPrefix printable ASCII without spaces, at most 100 characters, possibly empty;
	 * {@value #DEFAULT_KEY_PREFIX} by default
	 */
	public void setKeyPrefix(String keyPrefix) {
		this.keys = new SessionKeys(keyPrefix);
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
		this.codec = createCodec();
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
		this.codec = createCodec();
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
	 * Set the listener told the outcome of each memcached operation.
	 * @param operationListener the listener, not {@code null}; none by default
	 */
	public void setOperationListener(MemcachedOperationListener operationListener) {
		Assert.notNull(operationListener, "operationListener must not be null");
		this.operationListener = operationListener;
	}

	/**
	 * Set the clock that decides whether a session has expired.
	 * @param clock the clock, not {@code null}; {@link Clock#systemUTC()} by default
	 */
	public void setClock(Clock clock) {
		Assert.notNull(clock, "clock must not be null");
		this.clock = clock;
	}

	/**
	 * Return the prefix of every session key.
	 * @return the key prefix
	 */
	public String getKeyPrefix() {
		return this.keys.getPrefix();
	}

}
