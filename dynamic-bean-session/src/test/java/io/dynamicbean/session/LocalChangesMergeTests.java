/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.session.MapSession;
import org.springframework.session.SessionRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for changes saved in the local store of one instance while the remote store did not
 * answer it (a timeout under load, a partition), and changes made meanwhile to the same session
 * through another instance, which the store did answer: each acknowledged change is kept.
 */
class LocalChangesMergeTests {

	private final PreservingSessionIdGenerator ids = new PreservingSessionIdGenerator();

	private final FlakySessionRepository store = new FlakySessionRepository().withSessionIdGenerator(this.ids);

	private final CutOff storeSeenByA = new CutOff(this.store);

	private final SwitchableSessionRepository instanceA = new SwitchableSessionRepository(new LocalSessionRepository(),
			this.ids);

	private final SwitchableSessionRepository instanceB = new SwitchableSessionRepository(new LocalSessionRepository(),
			this.ids);

	private String sessionId;

	@BeforeEach
	void createSession() {
		this.instanceA.switchTo("memcached", this.storeSeenByA);
		this.instanceB.switchTo("memcached", this.store);
		SwitchableSession session = this.instanceA.createSession();
		session.setAttribute("counter", 1);
		this.instanceA.save(session);
		this.sessionId = session.getId();
	}

	@Test
	void keepsTheOtherInstancesChangesWhenTheyOutnumberTheLocalOnes() {
		changeWhileCutOff("note-a");
		change(this.instanceB, "note-b");
		change(this.instanceB, "note-c");

		this.storeSeenByA.cut = false;
		SwitchableSession reconciled = this.instanceA.findById(this.sessionId);

		assertThat(reconciled.getAttributeNames()).contains("note-a", "note-b", "note-c");
		assertThat(this.store.sessions().get(this.sessionId).getAttributeNames()).contains("note-a", "note-b",
				"note-c");
		assertThat(this.instanceB.findById(this.sessionId).getAttributeNames()).contains("note-a", "note-b", "note-c");
	}

	@Test
	void keepsTheOtherInstancesChangeWhenTheLocalOnesOutnumberIt() {
		SwitchableSession loaded = this.instanceA.findById(this.sessionId);
		this.storeSeenByA.cut = true;
		loaded.setAttribute("note-a1", "set");
		this.instanceA.save(loaded);
		SwitchableSession again = this.instanceA.findById(this.sessionId);
		again.setAttribute("note-a2", "set");
		again.removeAttribute("counter");
		this.instanceA.save(again);
		change(this.instanceB, "note-b");

		this.storeSeenByA.cut = false;
		SwitchableSession reconciled = this.instanceA.findById(this.sessionId);

		assertThat(reconciled.getAttributeNames()).contains("note-a1", "note-a2", "note-b").doesNotContain("counter");
		assertThat(this.store.sessions().get(this.sessionId).getAttributeNames()).contains("note-a1", "note-a2",
				"note-b")
			.doesNotContain("counter");
	}

	@Test
	void anAttributeChangedOnBothSidesKeepsTheValueOfTheSideThatChangedMoreOften() {
		changeWhileCutOff("shared");
		SwitchableSession elsewhere = this.instanceB.findById(this.sessionId);
		elsewhere.setAttribute("shared", "changed by B");
		this.instanceB.save(elsewhere);
		change(this.instanceB, "note-b");

		this.storeSeenByA.cut = false;
		SwitchableSession reconciled = this.instanceA.findById(this.sessionId);

		assertThat(reconciled.<String>getAttribute("shared")).isEqualTo("changed by B");
		assertThat(reconciled.getAttributeNames()).contains("note-b");
	}

	@Test
	void aChangeTheStoreRefusedKeepsTheChangesOfOtherRequestsMadeSince() {
		SwitchableSession loaded = this.instanceA.findById(this.sessionId);
		this.store.refuseSaves();
		loaded.setAttribute("note-a", "set");
		this.instanceA.save(loaded);
		this.store.acceptSaves();
		change(this.instanceB, "note-b");

		SwitchableSession reconciled = this.instanceA.findById(this.sessionId);

		assertThat(reconciled.getAttributeNames()).contains("note-a", "note-b");
		assertThat(this.store.sessions().get(this.sessionId).getAttributeNames()).contains("note-a", "note-b");
	}

	@Test
	void changesMadeWhileSwitchedToLocalReachTheStoreWhenItIsSwitchedInAgain() {
		this.instanceA.switchToLocal();
		SwitchableSession served = this.instanceA.findById(this.sessionId);
		served.setAttribute("note-a", "set");
		this.instanceA.save(served);
		change(this.instanceB, "note-b");

		this.instanceA.switchTo("memcached", this.storeSeenByA);

		assertThat(this.instanceB.findById(this.sessionId).getAttributeNames()).as("read through the other instance")
			.contains("note-a", "note-b");
	}

	@Test
	void aChangeOfARequestLoadedBeforeTheSwitchInReachesTheStoreWithItsSave() {
		this.instanceA.switchToLocal();
		SwitchableSession inFlight = this.instanceA.findById(this.sessionId);
		this.instanceA.switchTo("memcached", this.storeSeenByA);
		inFlight.setAttribute("note-a", "set");
		this.instanceA.save(inFlight);

		assertThat(this.instanceB.findById(this.sessionId).getAttributeNames()).as("read through the other instance")
			.contains("note-a");
	}

	@Test
	void changesMadeWhileTheStoreFailedReachItOnTheNextCallOfAnySessionThatFindsItAnswering() {
		changeWhileCutOff("note-a");
		change(this.instanceB, "note-b");
		SwitchableSession other = this.instanceB.createSession();
		this.instanceB.save(other);

		this.storeSeenByA.cut = false;
		assertThat(this.instanceA.findById(other.getId())).as("another session, read through A").isNotNull();

		assertThat(this.instanceB.findById(this.sessionId).getAttributeNames()).as("read through the other instance")
			.contains("note-a", "note-b");
	}

	@Test
	void aChangeLoadedFromTheStoreAndKeptLocallyWinsOverAnOlderValueTheStoreStillHolds() {
		SwitchableSession loadedByB = this.instanceB.findById(this.sessionId);
		SwitchableSession loadedByA = this.instanceA.findById(this.sessionId);
		this.storeSeenByA.cut = true;
		loadedByA.setAttribute("note-a", "set");
		this.instanceA.save(loadedByA);
		this.store.down();
		loadedByB.setAttribute("counter", 2);
		this.instanceB.save(loadedByB);
		assertThat(this.instanceB.storeOf(loadedByB)).isEqualTo("local");

		this.store.up();
		this.storeSeenByA.cut = false;
		this.instanceA.findById(this.sessionId);
		SwitchableSession reconciled = this.instanceB.findById(this.sessionId);

		assertThat(reconciled.<Integer>getAttribute("counter")).as("the counter B changed from the value it loaded")
			.isEqualTo(2);
		assertThat(reconciled.getAttributeNames()).contains("note-a");
	}

	@Test
	void aChangeSavedLocallyAfterASwitchOutCountsAgainstAChangeMadeOnceThroughAnotherInstance() {
		SwitchableSession loadedByA = this.instanceA.findById(this.sessionId);
		this.instanceA.switchToLocal();
		SwitchableSession elsewhere = this.instanceB.findById(this.sessionId);
		elsewhere.setAttribute("shared", "changed by B");
		this.instanceB.save(elsewhere);
		loadedByA.setAttribute("shared", "changed by A");
		this.instanceA.save(loadedByA);

		this.instanceA.switchTo("memcached", this.storeSeenByA);

		assertThat(this.instanceB.findById(this.sessionId).<String>getAttribute("shared"))
			.as("one change on each side, A's saved last").isEqualTo("changed by A");
	}

	@Test
	void theMergedVersionIsNewerThanBoth() {
		changeWhileCutOff("note-a");
		change(this.instanceB, "note-b");
		long remote = SessionVersions.of(this.store.sessions().get(this.sessionId));

		this.storeSeenByA.cut = false;
		this.instanceA.findById(this.sessionId);

		assertThat(SessionVersions.of(this.store.sessions().get(this.sessionId))).isGreaterThan(remote);
	}

	private void changeWhileCutOff(String note) {
		SwitchableSession loaded = this.instanceA.findById(this.sessionId);
		this.storeSeenByA.cut = true;
		loaded.setAttribute(note, "set");
		this.instanceA.save(loaded);
		assertThat(this.instanceA.storeOf(loaded)).as("store of the change made while cut off").isEqualTo("local");
	}

	private void change(SwitchableSessionRepository instance, String note) {
		SwitchableSession session = instance.findById(this.sessionId);
		session.setAttribute(note, "set");
		instance.save(session);
		assertThat(instance.storeOf(session)).isEqualTo("memcached");
	}

	/**
	 * The store as one instance sees it: failing while that instance is cut off from it, answering
	 * the others.
	 */
	private static final class CutOff implements SessionRepository<MapSession> {

		private final FlakySessionRepository store;

		volatile boolean cut;

		CutOff(FlakySessionRepository store) {
			this.store = store;
		}

		private void check() {
			if (this.cut) {
				throw new IllegalStateException("timed out");
			}
		}

		@Override
		public MapSession createSession() {
			check();
			return this.store.createSession();
		}

		@Override
		public void save(MapSession session) {
			check();
			this.store.save(session);
		}

		@Override
		public @Nullable MapSession findById(String id) {
			check();
			return this.store.findById(id);
		}

		@Override
		public void deleteById(String id) {
			check();
			this.store.deleteById(id);
		}

	}

}
