/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import java.time.Duration;
import java.util.UUID;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.session.Session;

/**
 * Tells a session deleted from a remote store (a logout, through any instance) from a session the
 * store lost (memcached restarted empty, or evicted it), so that the front restores a local copy
 * only in the second case.
 *
 * <p>The front keeps one marker entry in each remote store: a session under the fixed internal id
 * {@value #MARKER_ID}, outside the space of session ids (see {@link SessionIds}: no client can name
 * it), holding a random epoch, written when the store is switched in and missing.
 * Every local copy records the epoch under which its session was last known in the store, read
 * before the write that put it there: a store that loses data while the write is in flight, and
 * gets a new epoch from another request meanwhile, shows the copy's session as lost. When the
 * store misses a session this instance holds a copy of, the marker is read (one more round trip,
 * on this path only): the same epoch means the store kept its data, so the session was deleted on
 * purpose and the copy is dropped; a missing marker or another epoch means the store lost data
 * since the copy was taken, so the copy is restored. The marker lives 365 days and is written
 * through the store's own id generator, which must be the front's
 * {@link PreservingSessionIdGenerator}; a store that ignores it cannot tell, and copies of sessions
 * it misses are then never restored (logged once).
 *
 * <p>A store that loses data in part ({@link DataGenerationAware}: a memcached node restarted
 * empty while the marker lives on another) also gives the generation of the part holding each
 * session; a copy records it after the epoch, and a change of either shows the copy's session as
 * lost.
 */
final class StoreEpochs {

	/** The id of the marker session in every remote store. */
	static final String MARKER_ID = SessionIds.INTERNAL_PREFIX + "store-epoch";

	/** The attribute of the marker session holding the epoch. */
	static final String EPOCH_ATTRIBUTE = "io.dynamicbean.session.EPOCH";

	static final Duration MARKER_LIFETIME = Duration.ofDays(365);

	/** Separates the store's epoch from the generation of a session's part in a copy's epoch. */
	private static final char GENERATION_SEPARATOR = '#';

	private static final Log logger = LogFactory.getLog(StoreEpochs.class);

	private final PreservingSessionIdGenerator sessionIdGenerator;

	StoreEpochs(PreservingSessionIdGenerator sessionIdGenerator) {
		this.sessionIdGenerator = sessionIdGenerator;
	}

	/**
	 * Read the store's epoch, writing a new one if the marker is missing, and remember it.
	 * @param store the store
	 * @return the epoch, or {@code null} if the store cannot keep the marker
	 * @throws RuntimeException what the store throws
	 */
	@Nullable String refresh(RemoteStore store) {
		Session marker = store.repository().findById(MARKER_ID);
		Object epoch = (marker != null) ? marker.getAttribute(EPOCH_ATTRIBUTE) : null;
		String current = (epoch instanceof String text) ? text : writeNew(store);
		store.epoch(current);
		return current;
	}

	/**
	 * Return the epoch to record with a copy of a session written to the store now: the store's
	 * epoch last read, followed by the generation of the part of the store holding the session
	 * when the store loses data in part.
	 * @param store the store
	 * @param sessionId the id the session is written under
	 * @return the copy's epoch, or {@code null} if the store's epoch is not known (then the copy
	 * is never restored: without the marker, a loss of the part is no evidence that a tombstone
	 * kept elsewhere was not lost too)
	 */
	@Nullable String copyEpoch(RemoteStore store, String sessionId) {
		String epoch = store.epoch();
		if (epoch == null) {
			return null;
		}
		String generation = generationOf(store, sessionId, false);
		return (generation != null) ? epoch + GENERATION_SEPARATOR + generation : epoch;
	}

	/**
	 * Tell whether the store lost the data of a session since a copy was taken under the given
	 * epoch: its epoch marker is gone or new, or the part of the store holding the session has a
	 * new generation.
	 * @param store the store, which has just missed the copy's session
	 * @param sessionId the session id
	 * @param copyEpoch the epoch recorded with the copy, or {@code null} if unknown (then the
	 * answer is {@code false}: a copy is restored only on evidence of a loss)
	 * @return whether the copy should be restored
	 * @throws RuntimeException what the store throws
	 */
	boolean lostSince(RemoteStore store, String sessionId, @Nullable String copyEpoch) {
		String current = refresh(store);
		if (copyEpoch == null) {
			return false;
		}
		int separator = copyEpoch.indexOf(GENERATION_SEPARATOR);
		String copyMarker = (separator >= 0) ? copyEpoch.substring(0, separator) : copyEpoch;
		if (current != null && !copyMarker.equals(current)) {
			return true;
		}
		if (separator < 0) {
			return false;
		}
		String generation = generationOf(store, sessionId, true);
		return generation != null && !generation.equals(copyEpoch.substring(separator + 1));
	}

	private static @Nullable String generationOf(RemoteStore store, String sessionId, boolean readAgain) {
		if (!(store.repository() instanceof DataGenerationAware aware)) {
			return null;
		}
		try {
			return readAgain ? aware.readDataGenerationOf(sessionId) : aware.dataGenerationOf(sessionId);
		}
		catch (RuntimeException ex) {
			logger.debug("Session store " + store + " could not tell the generation of a session's data", ex);
			return null;
		}
	}

	private @Nullable String writeNew(RemoteStore store) {
		String epoch = UUID.randomUUID().toString();
		Session marker = this.sessionIdGenerator.withPreservedId(MARKER_ID, store.repository()::createSession);
		if (!MARKER_ID.equals(marker.getId())) {
			if (store.firstEpochUnsupported()) {
				logger.info("Session store " + store + " does not use the front's session id generator, so it cannot "
						+ "keep the marker that tells a deleted session from a lost one: fallback copies of sessions "
						+ "it misses are not restored; configure it with "
						+ "setSessionIdGenerator(switchableSessionRepository.getSessionIdGenerator())");
			}
			return null;
		}
		marker.setMaxInactiveInterval(MARKER_LIFETIME);
		marker.setAttribute(EPOCH_ATTRIBUTE, epoch);
		store.repository().save(marker);
		logger.info("Session store " + store + " holds no data written before (new or restarted empty): new epoch "
				+ epoch.substring(0, 8));
		return epoch;
	}

}
