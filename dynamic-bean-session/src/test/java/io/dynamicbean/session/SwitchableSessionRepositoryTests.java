/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import org.junit.jupiter.api.Test;

import org.springframework.session.MapSession;
import org.springframework.session.Session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link SwitchableSessionRepository}: serving locally, serving from the remote store,
 * routing saves, id changes and deletions.
 */
class SwitchableSessionRepositoryTests {

	private final LocalSessionRepository local = new LocalSessionRepository();

	private final SwitchableSessionRepository repository = new SwitchableSessionRepository(this.local);

	private final FlakySessionRepository remote = new FlakySessionRepository()
		.withSessionIdGenerator(this.repository.getSessionIdGenerator());

	@Test
	void servesEverythingFromLocalStoreWhileNoRemoteIsActive() {
		SwitchableSession session = this.repository.createSession();
		session.setAttribute("user", "alice");
		this.repository.save(session);

		SwitchableSession found = this.repository.findById(session.getId());

		assertThat(found).isNotNull();
		assertThat(found.<String>getAttribute("user")).isEqualTo("alice");
		assertThat(found.getDelegate()).isInstanceOf(MapSession.class);
		assertThat(this.local.findById(session.getId())).as("session in the local store").isNotNull();
		assertThat(this.repository.storeOf(found)).isEqualTo("local");
	}

	@Test
	void createsNewSessionsInRemoteStoreOnceSwitchedIn() {
		this.repository.switchTo("memcached", this.remote);

		SwitchableSession session = this.repository.createSession();
		this.repository.save(session);

		assertThat(this.remote.creations()).isEqualTo(1);
		assertThat(this.remote.sessions()).containsKey(session.getId());
		assertThat(this.repository.storeOf(session)).isEqualTo("memcached");
	}

	@Test
	void findsSessionsInRemoteStore() {
		this.repository.switchTo("memcached", this.remote);
		MapSession stored = this.remote.createSession();
		stored.setAttribute("user", "bob");
		this.remote.save(stored);

		SwitchableSession found = this.repository.findById(stored.getId());

		assertThat(found).isNotNull();
		assertThat(found.<String>getAttribute("user")).isEqualTo("bob");
		assertThat(this.repository.storeOf(found)).isEqualTo("memcached");
	}

	@Test
	void savesToRemoteStoreAndKeepsFallbackCopyLocally() {
		this.repository.switchTo("memcached", this.remote);
		SwitchableSession session = this.repository.createSession();
		session.setAttribute("counter", 1);

		this.repository.save(session);

		assertThat(this.remote.sessions().get(session.getId()).<Integer>getAttribute("counter")).isEqualTo(1);
		LocalSessionRepository.StoredSession copy = this.local.findStored(session.getId());
		assertThat(copy).as("fallback copy in the local store").isNotNull();
		assertThat(copy.fallbackCopy()).isTrue();
		assertThat(copy.session().<Integer>getAttribute("counter")).isEqualTo(1);
	}

	@Test
	void savesLocalSessionBackToLocalStoreAfterSwitch() {
		SwitchableSession session = this.repository.findById(saveLocally().getId());
		this.repository.switchTo("memcached", this.remote);

		session.setAttribute("step", 2);
		this.repository.save(session);

		assertThat(this.remote.sessions()).as("remote store before the session's next request").isEmpty();
		assertThat(this.local.findById(session.getId()).<Integer>getAttribute("step")).isEqualTo(2);
	}

	@Test
	void savesIntoLocalStoreWhenRemoteWasSwitchedOutBetweenFindAndSave() {
		this.repository.switchTo("memcached", this.remote);
		SwitchableSession session = this.repository.createSession();
		this.repository.save(session);
		SwitchableSession found = this.repository.findById(session.getId());

		this.repository.switchToLocal();
		found.setAttribute("step", 2);
		this.repository.save(found);

		assertThat(this.remote.sessions().get(session.getId()).<Integer>getAttribute("step"))
			.as("remote store switched out before the save").isNull();
		LocalSessionRepository.StoredSession stored = this.local.findStored(session.getId());
		assertThat(stored.session().<Integer>getAttribute("step")).isEqualTo(2);
		assertThat(stored.fallbackCopy()).as("now held only locally").isFalse();
		assertThat(this.repository.storeOf(found)).isEqualTo("local");
	}

	@Test
	void savesIntoLocalStoreWhenAnotherRemoteWasSwitchedInBetweenFindAndSave() {
		this.repository.switchTo("memcached", this.remote);
		SwitchableSession session = this.repository.createSession();
		this.repository.save(session);
		SwitchableSession found = this.repository.findById(session.getId());
		FlakySessionRepository redis = new FlakySessionRepository();

		this.repository.switchTo("redis", redis);
		found.setAttribute("step", 2);
		this.repository.save(found);

		assertThat(redis.sessions()).isEmpty();
		assertThat(this.local.findStored(session.getId()).fallbackCopy()).isFalse();
		assertThat(this.repository.storeOf(found)).isEqualTo("local");
	}

	@Test
	void changedSessionIdIsAppliedToBothStores() {
		this.repository.switchTo("memcached", this.remote);
		SwitchableSession session = this.repository.createSession();
		this.repository.save(session);
		String oldId = session.getId();
		SwitchableSession found = this.repository.findById(oldId);

		String newId = found.changeSessionId();
		this.repository.save(found);

		assertThat(this.remote.sessions()).containsKey(newId).doesNotContainKey(oldId);
		assertThat(this.local.findById(oldId)).as("stale local copy under the old id").isNull();
		assertThat(this.local.findById(newId)).isNotNull();
		assertThat(this.repository.findById(oldId)).isNull();
	}

	@Test
	void changedIdOfLocalSessionLeavesNoCopyUnderOldIdInEitherStore() {
		SwitchableSession session = this.repository.findById(saveLocally().getId());
		String oldId = session.getId();
		this.repository.switchTo("memcached", this.remote);
		this.remote.save(new MapSession(session.getDelegate()));

		session.changeSessionId();
		this.repository.save(session);

		assertThat(this.local.findById(oldId)).isNull();
		assertThat(this.remote.sessions()).doesNotContainKey(oldId);
	}

	@Test
	void deleteByIdDeletesFromBothStores() {
		this.repository.switchTo("memcached", this.remote);
		SwitchableSession session = this.repository.createSession();
		this.repository.save(session);

		this.repository.deleteById(session.getId());

		assertThat(this.remote.sessions()).isEmpty();
		assertThat(this.local.findById(session.getId())).as("fallback copy after logout").isNull();
		assertThat(this.repository.findById(session.getId())).isNull();
	}

	@Test
	void savesSessionsOfOtherRepositoriesLocally() {
		MapSession foreign = new MapSession();
		foreign.setAttribute("user", "carol");

		this.repository.save(foreign);

		assertThat(this.repository.findById(foreign.getId()).<String>getAttribute("user")).isEqualTo("carol");
	}

	@Test
	void storeOfRejectsSessionsOfOtherRepositories() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.repository.storeOf((Session) new MapSession()))
			.withMessageContaining("storeOf takes a session returned by this SwitchableSessionRepository");
	}

	@Test
	void reportsActiveStore() {
		assertThat(this.repository.isRemoteActive()).isFalse();
		assertThat(this.repository.getActiveStoreName()).isEqualTo("local");

		this.repository.switchTo("redis", this.remote);
		assertThat(this.repository.isRemoteActive()).isTrue();
		assertThat(this.repository.getActiveStoreName()).isEqualTo("redis");

		this.repository.switchToLocal();
		assertThat(this.repository.isRemoteActive()).isFalse();
		assertThat(this.repository.getActiveStoreName()).isEqualTo("local");
	}

	@Test
	void switchToLocalIfActiveSwitchesOnlyAwayFromTheGivenRemote() {
		FlakySessionRepository other = new FlakySessionRepository();
		this.repository.switchTo("memcached", this.remote);

		assertThat(this.repository.switchToLocalIfActive(other)).isFalse();
		assertThat(this.repository.isRemoteActive()).isTrue();
		assertThat(this.repository.switchToLocalIfActive(this.remote)).isTrue();
		assertThat(this.repository.isRemoteActive()).isFalse();
	}

	@Test
	void rejectsLocalAsRemoteStoreName() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.repository.switchTo("local", this.remote))
			.withMessageContaining("reserved for the local store");
	}

	@Test
	void rejectsItselfAsRemoteStore() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.repository.switchTo("loop", this.repository));
		assertThatIllegalArgumentException().isThrownBy(() -> this.repository.switchTo("loop", this.local));
	}

	private MapSession saveLocally() {
		MapSession session = this.local.createSession();
		session.setAttribute("user", "alice");
		this.local.save(session);
		return session;
	}

}
