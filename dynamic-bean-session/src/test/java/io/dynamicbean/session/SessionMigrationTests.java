/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.session.MapSession;
import org.springframework.session.Session;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the migration of sessions between the local and the remote store of a
 * {@link SwitchableSessionRepository}.
 */
@ExtendWith(OutputCaptureExtension.class)
class SessionMigrationTests {

	private final LocalSessionRepository local = new LocalSessionRepository();

	private final SwitchableSessionRepository repository = new SwitchableSessionRepository(this.local);

	private final FlakySessionRepository remote = new FlakySessionRepository()
		.withSessionIdGenerator(this.repository.getSessionIdGenerator());

	@Test
	void movesLocalSessionIntoRemoteStoreKeepingItsId() {
		MapSession outage = saveLocally();
		this.repository.switchTo("memcached", this.remote);

		SwitchableSession found = this.repository.findById(outage.getId());

		assertThat(found).isNotNull();
		assertThat(found.getId()).as("id of the migrated session").isEqualTo(outage.getId());
		assertThat(this.remote.sessions()).as("sessions in the remote store").containsOnlyKeys(outage.getId());
		assertThat(this.repository.storeOf(found)).isEqualTo("memcached");
	}

	@Test
	void migrationCopiesAttributesMaxInactiveIntervalCreationAndLastAccessTime() {
		MapSession outage = this.local.createSession();
		outage.setAttribute("user", "alice");
		outage.setAttribute("counter", 7);
		outage.setMaxInactiveInterval(Duration.ofMinutes(12));
		outage.setCreationTime(Instant.now().minusSeconds(600));
		outage.setLastAccessedTime(Instant.now().minusSeconds(60));
		this.local.save(outage);
		this.repository.switchTo("memcached", this.remote);

		this.repository.findById(outage.getId());

		Session migrated = this.remote.sessions().get(outage.getId());
		assertThat(migrated.getAttributeNames()).containsExactlyInAnyOrder("user", "counter");
		assertThat(migrated.<String>getAttribute("user")).isEqualTo("alice");
		assertThat(migrated.<Integer>getAttribute("counter")).isEqualTo(7);
		assertThat(migrated.getMaxInactiveInterval()).isEqualTo(Duration.ofMinutes(12));
		assertThat(migrated.getCreationTime()).isEqualTo(outage.getCreationTime());
		assertThat(migrated.getLastAccessedTime()).isEqualTo(outage.getLastAccessedTime());
	}

	@Test
	void migratedSessionIsSavedToRemoteStoreAndKeptLocallyAsFallbackCopy() {
		MapSession outage = saveLocally();
		this.repository.switchTo("memcached", this.remote);
		SwitchableSession found = this.repository.findById(outage.getId());

		found.setAttribute("counter", 2);
		this.repository.save(found);

		assertThat(this.remote.sessions().get(outage.getId()).<Integer>getAttribute("counter")).isEqualTo(2);
		assertThat(this.local.findStored(outage.getId()).fallbackCopy()).isTrue();
	}

	@Test
	void migratesEachSessionOnceAndLogsIt(CapturedOutput output) {
		MapSession outage = saveLocally();
		this.repository.switchTo("memcached", this.remote);

		this.repository.save(this.repository.findById(outage.getId()));
		this.repository.save(this.repository.findById(outage.getId()));
		this.repository.findById(outage.getId());

		assertThat(this.remote.creations()).as("sessions created in the remote store").isEqualTo(1);
		assertThat(output.getOut().split("Moved session", -1)).as("INFO lines about the move").hasSize(2);
		assertThat(output.getOut()).contains("Moved session '" + outage.getId().substring(0, 8) + "…' from the "
				+ "local store into 'memcached'")
			.as("full session id in the log").doesNotContain(outage.getId());
	}

	@Test
	void migratesWithNewIdWhenRemoteStoreDoesNotKeepIds(CapturedOutput output) {
		FlakySessionRepository plainRemote = new FlakySessionRepository();
		MapSession outage = saveLocally();
		this.repository.switchTo("redis", plainRemote);

		SwitchableSession found = this.repository.findById(outage.getId());

		assertThat(found.getId()).as("id given by the remote store").isNotEqualTo(outage.getId());
		assertThat(found.<String>getAttribute("user")).isEqualTo("alice");
		assertThat(plainRemote.sessions()).containsOnlyKeys(found.getId());
		assertThat(this.local.findById(outage.getId())).as("local copy under the old id").isNull();
		assertThat(this.local.findById(found.getId())).isNotNull();
		assertThat(output.getOut()).contains("setSessionIdGenerator(switchableSessionRepository.getSessionIdGenerator())");
	}

	@Test
	void restoresFallbackCopyWhenRemoteStoreRestartsEmpty() {
		this.repository.switchTo("memcached", this.remote);
		SwitchableSession session = this.repository.createSession();
		session.setAttribute("user", "alice");
		this.repository.save(session);

		this.remote.restartEmpty();
		SwitchableSession found = this.repository.findById(session.getId());

		assertThat(found).as("session lost by the remote store").isNotNull();
		assertThat(found.getId()).isEqualTo(session.getId());
		assertThat(found.<String>getAttribute("user")).isEqualTo("alice");
		assertThat(this.remote.sessions()).containsKey(session.getId());
	}

	@Test
	void restoresASessionWhoseSaveLandedJustBeforeTheStoreRestartedEmpty() {
		this.repository.switchTo("memcached", this.remote);
		SwitchableSession other = this.repository.createSession();
		this.repository.save(other);
		SwitchableSession session = this.repository.createSession();
		this.repository.save(session);
		SwitchableSession loaded = this.repository.findById(session.getId());
		loaded.setAttribute("user", "alice");
		this.remote.afterNextSave(() -> {
			this.remote.restartEmpty();
			assertThat(this.repository.findById(other.getId())).as("session restored by another request").isNotNull();
		});

		this.repository.save(loaded);
		SwitchableSession found = this.repository.findById(session.getId());

		assertThat(found).as("session saved before the store lost it").isNotNull();
		assertThat(found.<String>getAttribute("user")).isEqualTo("alice");
		assertThat(this.remote.sessions()).containsKey(session.getId());
	}

	@Test
	void anIdChangeOfAFallbackCopyWhileSwitchedToLocalRetiresTheOldIdInTheStore() {
		this.repository.switchTo("memcached", this.remote);
		SwitchableSession session = this.repository.createSession();
		session.setAttribute("user", "alice");
		this.repository.save(session);
		String oldId = session.getId();
		this.repository.switchToLocal();

		SwitchableSession served = this.repository.findById(oldId);
		served.changeSessionId();
		this.repository.save(served);
		this.repository.switchTo("memcached", this.remote);

		assertThat(this.remote.sessions()).as("sessions in the store once it is back").doesNotContainKey(oldId);
		assertThat(this.repository.findById(oldId)).as("session under its retired id").isNull();
		assertThat(this.repository.findById(served.getId()).<String>getAttribute("user")).isEqualTo("alice");
	}

	@Test
	void dropsLostFallbackCopyWhenRestoringIsDisabled() {
		this.repository.setRestoreFallbackCopies(false);
		this.repository.switchTo("memcached", this.remote);
		SwitchableSession session = this.repository.createSession();
		this.repository.save(session);

		this.remote.restartEmpty();

		assertThat(this.repository.findById(session.getId())).isNull();
		assertThat(this.local.findById(session.getId())).isNull();
		assertThat(this.remote.sessions()).isEmpty();
	}

	@Test
	void stillMovesSessionsCreatedDuringOutageWhenRestoringIsDisabled() {
		this.repository.setRestoreFallbackCopies(false);
		MapSession outage = saveLocally();
		this.repository.switchTo("memcached", this.remote);

		assertThat(this.repository.findById(outage.getId())).isNotNull();
		assertThat(this.remote.sessions()).containsKey(outage.getId());
	}

	@Test
	void replacesOlderRemoteVersionWithSessionSavedLocallyWhileRemoteFailed() {
		this.repository.switchTo("memcached", this.remote);
		SwitchableSession session = this.repository.createSession();
		session.setAttribute("counter", 1);
		this.repository.save(session);
		SwitchableSession found = this.repository.findById(session.getId());
		this.remote.down();
		found.setAttribute("counter", 2);
		found.setLastAccessedTime(Instant.now().plusMillis(1));
		this.repository.save(found);
		this.remote.up();

		SwitchableSession again = this.repository.findById(session.getId());

		assertThat(again.<Integer>getAttribute("counter")).as("counter saved during the failure").isEqualTo(2);
		assertThat(this.remote.sessions().get(session.getId()).<Integer>getAttribute("counter")).isEqualTo(2);
		assertThat(this.repository.storeOf(again)).isEqualTo("memcached");
		assertThat(this.local.findStored(session.getId()).fallbackCopy()).isTrue();
	}

	@Test
	void keepsRemoteVersionChangedMoreOftenElsewhereSinceTheLocalVersionWasTaken() {
		SwitchableSession session = savedRemotely("user", "alice");
		SwitchableSession found = this.repository.findById(session.getId());
		this.remote.down();
		found.setAttribute("user", "changed here during the outage");
		this.repository.save(found);
		this.remote.up();
		changeInTheRemoteStore(session.getId(), "user", "changed by another instance");
		changeInTheRemoteStore(session.getId(), "user", "changed by another instance");

		SwitchableSession again = this.repository.findById(session.getId());

		assertThat(again.<String>getAttribute("user")).isEqualTo("changed by another instance");
		assertThat(this.repository.storeOf(again)).isEqualTo("memcached");
		assertThat(this.local.findStored(session.getId()).fallbackCopy()).as("local version replaced by a copy")
			.isTrue();
	}

	@Test
	void aWriteThatTimedOutButReachedTheStoreDoesNotOutweighTheLocalChangesMadeSince() {
		SwitchableSession session = savedRemotely("counter", 1);
		SwitchableSession found = this.repository.findById(session.getId());
		this.remote.down();
		found.setAttribute("counter", 2);
		this.repository.save(found);
		SwitchableSession again = this.repository.findById(session.getId());
		again.setAttribute("counter", 3);
		this.repository.save(again);
		this.remote.up();
		changeInTheRemoteStore(session.getId(), "counter", 2);

		SwitchableSession afterwards = this.repository.findById(session.getId());

		assertThat(afterwards.<Integer>getAttribute("counter")).as("counter, never going backwards").isEqualTo(3);
		assertThat(this.remote.sessions().get(session.getId()).<Integer>getAttribute("counter")).isEqualTo(3);
	}

	@Test
	void aLocalVersionOnlyTouchedDoesNotOverwriteTheRemoteVersion() {
		SwitchableSession session = savedRemotely("counter", 1);
		SwitchableSession found = this.repository.findById(session.getId());
		this.remote.down();
		found.setLastAccessedTime(Instant.now().plusSeconds(60));
		this.repository.save(found);
		this.remote.up();
		changeInTheRemoteStore(session.getId(), "counter", 5);

		SwitchableSession again = this.repository.findById(session.getId());

		assertThat(again.<Integer>getAttribute("counter")).as("counter, never going backwards").isEqualTo(5);
	}

	@Test
	void removesAttributesTheLocalVersionRemovedWhenTheRemoteVersionIsUnchanged() {
		SwitchableSession session = savedRemotely("cart", "3 items");
		SwitchableSession found = this.repository.findById(session.getId());
		this.remote.down();
		found.removeAttribute("cart");
		found.setAttribute("user", "alice");
		this.repository.save(found);
		this.remote.up();

		this.repository.findById(session.getId());

		assertThat(this.remote.sessions().get(session.getId()).getAttributeNames()).contains("user")
			.doesNotContain("cart");
	}

	@Test
	void doesNotRestoreACopyOfASessionDeletedThroughAnotherInstance() {
		SwitchableSession session = savedRemotely("user", "alice");

		this.remote.deleteById(session.getId());

		assertThat(this.repository.findById(session.getId())).as("session logged out elsewhere").isNull();
		assertThat(this.local.findById(session.getId())).as("fallback copy after the logout").isNull();
		assertThat(this.remote.sessions()).isEmpty();
	}

	@Test
	void doesNotRestoreALocalVersionOfASessionDeletedThroughAnotherInstanceDuringAnOutage() {
		SwitchableSession session = savedRemotely("user", "alice");
		SwitchableSession found = this.repository.findById(session.getId());
		this.remote.down();
		found.setAttribute("page", "changed during the outage");
		this.repository.save(found);
		this.remote.up();

		this.remote.deleteById(session.getId());

		assertThat(this.repository.findById(session.getId())).isNull();
		assertThat(this.remote.sessions()).isEmpty();
	}

	@Test
	void restoresALocalVersionWhenTheStoreRestartedEmptyDuringAnOutage() {
		SwitchableSession session = savedRemotely("user", "alice");
		SwitchableSession found = this.repository.findById(session.getId());
		this.remote.down();
		found.setAttribute("page", "changed during the outage");
		this.repository.save(found);
		this.remote.restartEmpty();
		this.remote.up();

		SwitchableSession again = this.repository.findById(session.getId());

		assertThat(again).isNotNull();
		assertThat(again.<String>getAttribute("page")).isEqualTo("changed during the outage");
		assertThat(this.remote.sessions()).containsOnlyKeys(session.getId());
	}

	private SwitchableSession savedRemotely(String attribute, Object value) {
		this.repository.switchTo("memcached", this.remote);
		SwitchableSession session = this.repository.createSession();
		session.setAttribute(attribute, value);
		this.repository.save(session);
		return session;
	}

	/**
	 * Change a session as another instance would: through a front of its own.
	 */
	private void changeInTheRemoteStore(String id, String attribute, Object value) {
		SwitchableSessionRepository otherInstance = new SwitchableSessionRepository(new LocalSessionRepository(),
				this.repository.getSessionIdGenerator());
		otherInstance.switchTo("memcached", this.remote);
		SwitchableSession session = otherInstance.findById(id);
		session.setAttribute(attribute, value);
		otherInstance.save(session);
	}

	@Test
	void unknownSessionIsNotFound() {
		this.repository.switchTo("memcached", this.remote);

		assertThat(this.repository.findById("unknown")).isNull();
		assertThat(this.remote.creations()).isZero();
	}

	private MapSession saveLocally() {
		MapSession session = this.local.createSession();
		session.setAttribute("user", "alice");
		this.local.save(session);
		return session;
	}

}
