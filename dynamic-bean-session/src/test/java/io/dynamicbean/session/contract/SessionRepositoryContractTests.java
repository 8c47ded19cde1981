/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session.contract;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.dynamicbean.session.SessionInvalidatedException;
import org.junit.jupiter.api.Test;

import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The behaviours Spring Session's own repository integration tests demand of every
 * {@link SessionRepository}, under concurrent copies of one session: run them against a store by
 * extending this class. Each copy is what one request holds: found, changed, saved.
 *
 * <p>A store refuses to save a session that was deleted meanwhile either by throwing (Spring
 * Session's {@code IllegalStateException("Session was invalidated")} or
 * {@link SessionInvalidatedException}) or by silently not saving it; say which with
 * {@link #refusesSaveOfDeletedSessionByThrowing()}. Either way the outcome is asserted: the deleted
 * session is not found afterwards.
 *
 * @param <S> the session type of the store
 */
public abstract class SessionRepositoryContractTests<S extends Session> {

	/**
	 * Return the repository under test, empty or holding only sessions of other tests.
	 * @return the repository
	 */
	protected abstract SessionRepository<S> getRepository();

	/**
	 * Say how the store refuses to save a session that was deleted or whose id another copy
	 * changed.
	 * @return {@code true} (the default) if it throws an exception that
	 * {@link SessionInvalidatedException#isInvalidation} recognizes, {@code false} if it silently
	 * does not save
	 */
	protected boolean refusesSaveOfDeletedSessionByThrowing() {
		return true;
	}

	@Test
	void newSessionIsSavedAndFoundWithItsAttributesCreationTimeAndMaxInactiveInterval() {
		S session = getRepository().createSession();
		session.setAttribute("name", "alice");
		session.setMaxInactiveInterval(Duration.ofMinutes(45));
		getRepository().save(session);
		S found = find(session.getId());
		assertThat(found).as("saved session").isNotNull();
		assertThat(found.<String>getAttribute("name")).isEqualTo("alice");
		assertThat(found.getCreationTime()).isCloseTo(session.getCreationTime(), within(1, ChronoUnit.MILLIS));
		assertThat(found.getMaxInactiveInterval()).isEqualTo(Duration.ofMinutes(45));
	}

	@Test
	void sessionWhoseLastAccessIsLongerAgoThanItsMaxInactiveIntervalIsNotFound() {
		S session = getRepository().createSession();
		Duration maxInactive = Duration.ofMinutes(10);
		session.setMaxInactiveInterval(maxInactive);
		session.setLastAccessedTime(Instant.now().minus(maxInactive).minusSeconds(1));
		getRepository().save(session);
		assertThat(find(session.getId())).as("expired session").isNull();
	}

	@Test
	void twoCopiesUpdatingDifferentAttributesKeepBoth() {
		String id = saved("existing", "value");
		S first = find(id);
		S second = find(id);
		first.setAttribute("a", "from first");
		second.setAttribute("b", "from second");
		getRepository().save(first);
		getRepository().save(second);
		S found = find(id);
		assertThat(found).as("session").isNotNull();
		assertThat(found.<String>getAttribute("a")).as("attribute set by the first copy").isEqualTo("from first");
		assertThat(found.<String>getAttribute("b")).as("attribute set by the second copy").isEqualTo("from second");
		assertThat(found.<String>getAttribute("existing")).as("attribute neither copy touched").isEqualTo("value");
	}

	@Test
	void removalRacingAnUpdateOfAnotherAttributeKeepsBoth() {
		String id = saved("a", "value");
		S removing = find(id);
		S updating = find(id);
		removing.removeAttribute("a");
		updating.setAttribute("b", "set");
		getRepository().save(removing);
		getRepository().save(updating);
		S found = find(id);
		assertThat(found).as("session").isNotNull();
		assertThat(found.<String>getAttribute("a")).as("removed attribute").isNull();
		assertThat(found.<String>getAttribute("b")).as("attribute set by the other copy").isEqualTo("set");
	}

	@Test
	void savingACopyOfADeletedSessionDoesNotBringItBack() {
		String id = saved("login", "alice");
		S stale = find(id);
		getRepository().deleteById(id);
		stale.setAttribute("count", 2);
		saveRefused(stale);
		assertThat(find(id)).as("deleted session").isNull();
	}

	@Test
	void changedIdResolvesAndTheOriginalIdDoesNot() {
		String originalId = saved("login", "alice");
		S session = find(originalId);
		String newId = session.changeSessionId();
		getRepository().save(session);
		assertThat(newId).isNotEqualTo(originalId);
		assertThat(find(originalId)).as("session under its original id").isNull();
		S found = find(newId);
		assertThat(found).as("session under its new id").isNotNull();
		assertThat(found.<String>getAttribute("login")).isEqualTo("alice");
	}

	@Test
	void idChangedTwiceBeforeSavingResolvesOnlyUnderTheLastId() {
		String originalId = saved("login", "alice");
		S session = find(originalId);
		String firstNewId = session.changeSessionId();
		String lastId = session.changeSessionId();
		getRepository().save(session);
		assertThat(find(originalId)).as("session under its original id").isNull();
		assertThat(find(firstNewId)).as("session under the id it had in between").isNull();
		S found = find(lastId);
		assertThat(found).as("session under its last id").isNotNull();
		assertThat(found.<String>getAttribute("login")).isEqualTo("alice");
	}

	@Test
	void idChangedBeforeTheFirstSaveResolvesUnderTheNewIdOnly() {
		S session = getRepository().createSession();
		session.setAttribute("login", "alice");
		String originalId = session.getId();
		String newId = session.changeSessionId();
		getRepository().save(session);
		assertThat(find(originalId)).as("session under its original id").isNull();
		S found = find(newId);
		assertThat(found).as("session under its new id").isNotNull();
		assertThat(found.<String>getAttribute("login")).isEqualTo("alice");
	}

	@Test
	void idChangedAndSavedTwiceResolvesOnlyUnderTheLastId() {
		String originalId = saved("login", "alice");
		S session = find(originalId);
		String firstNewId = session.changeSessionId();
		getRepository().save(session);
		String lastId = session.changeSessionId();
		session.setAttribute("step", 2);
		getRepository().save(session);
		assertThat(find(originalId)).as("session under its original id").isNull();
		assertThat(find(firstNewId)).as("session under the id of the first save").isNull();
		S found = find(lastId);
		assertThat(found).as("session under its last id").isNotNull();
		assertThat(found.<String>getAttribute("login")).isEqualTo("alice");
		assertThat(found.<Integer>getAttribute("step")).isEqualTo(2);
	}

	@Test
	void idChangeOfADeletedSessionResolvesUnderNeitherId() {
		String originalId = saved("login", "alice");
		S stale = find(originalId);
		getRepository().deleteById(originalId);
		String newId = stale.changeSessionId();
		saveRefused(stale);
		assertThat(find(originalId)).as("deleted session under its original id").isNull();
		assertThat(find(newId)).as("deleted session under the new id of a stale copy").isNull();
	}

	/**
	 * A store that refuses the second copy (memcached, the front over it) keeps the first new id;
	 * one that applies both id changes to the same row (JDBC) keeps the second: either way exactly
	 * one new id resolves, and never the original.
	 */
	@Test
	void twoCopiesChangingTheIdLeaveExactlyOneNewId() {
		String originalId = saved("login", "alice");
		S winner = find(originalId);
		S loser = find(originalId);
		String winnerId = winner.changeSessionId();
		getRepository().save(winner);
		String loserId = loser.changeSessionId();
		saveRefused(loser);
		assertThat(find(originalId)).as("session under its original id").isNull();
		S first = find(winnerId);
		S second = find(loserId);
		assertThat((first != null) ^ (second != null))
			.as("exactly one new id holds the session (first: %s, second: %s)", first != null, second != null)
			.isTrue();
		S found = (first != null) ? first : second;
		assertThat(found.<String>getAttribute("login")).isEqualTo("alice");
		if (refusesSaveOfDeletedSessionByThrowing()) {
			assertThat(second).as("session under the id of the copy refused second").isNull();
		}
	}

	@Test
	void deletingTwiceIsNoError() {
		String id = saved("login", "alice");
		getRepository().deleteById(id);
		getRepository().deleteById(id);
		assertThat(find(id)).as("deleted session").isNull();
	}

	@Test
	void deletingAnUnknownIdIsNoError() {
		String unknownId = getRepository().createSession().getId();
		getRepository().deleteById(unknownId);
		assertThat(find(unknownId)).as("never saved session").isNull();
	}

	@Test
	void savingAnUnchangedFoundSessionKeepsIt() {
		String id = saved("login", "alice");
		S found = find(id);
		getRepository().save(found);
		S again = find(id);
		assertThat(again).as("session saved unchanged").isNotNull();
		assertThat(again.<String>getAttribute("login")).isEqualTo("alice");
	}

	/**
	 * Create and save a session holding one attribute.
	 * @return its id
	 */
	protected String saved(String name, Object value) {
		S session = getRepository().createSession();
		session.setAttribute(name, value);
		getRepository().save(session);
		return session.getId();
	}

	/**
	 * Find a session, as a new request would.
	 * @param id the session id
	 * @return the session, or {@code null}
	 */
	protected S find(String id) {
		return getRepository().findById(id);
	}

	/**
	 * Save a copy the store must refuse to save, asserting the refusal the store declares.
	 * @param session the copy
	 */
	protected void saveRefused(S session) {
		if (refusesSaveOfDeletedSessionByThrowing()) {
			assertThatThrownBy(() -> getRepository().save(session)).as("save of a deleted session")
				.matches(SessionInvalidatedException::isInvalidation, "is a \"Session was invalidated\" refusal");
		}
		else {
			getRepository().save(session);
		}
	}

}
