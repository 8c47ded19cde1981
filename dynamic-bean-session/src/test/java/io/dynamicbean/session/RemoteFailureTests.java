/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.session.MapSession;
import org.springframework.session.SessionRepository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for how a {@link SwitchableSessionRepository} survives a remote store that throws.
 */
@ExtendWith(OutputCaptureExtension.class)
class RemoteFailureTests {

	private final LocalSessionRepository local = new LocalSessionRepository();

	private final SwitchableSessionRepository repository = new SwitchableSessionRepository(this.local);

	private final FlakySessionRepository remote = new FlakySessionRepository()
		.withSessionIdGenerator(this.repository.getSessionIdGenerator());

	private final List<String> events = new CopyOnWriteArrayList<>();

	@Test
	void aRefusedSaveIsKeptLocallyWithoutCountingAsAFailureOfTheStore(CapturedOutput output) {
		this.repository.setRemoteFailureHandler((storeName, ex) -> this.events.add("failure " + storeName));
		SwitchableSession session = createAndSaveRemotely();
		this.remote.refuseSaves();

		session.setAttribute("cart", "too large");
		this.repository.save(session);

		assertThat(this.events).as("failures reported").isEmpty();
		assertThat(this.local.findStored(session.getId()).session().<String>getAttribute("cart")).isEqualTo("too large");
		assertThat(this.local.findStored(session.getId()).fallbackCopy()).isFalse();
		assertThat(output.getOut()).contains("refused to save a session, kept in the local store of this instance "
				+ "instead: session '" + session.getId() + "' is too large");
	}

	@Test
	void findFallsBackToLocalCopyWhenRemoteStoreThrows() {
		SwitchableSession session = createAndSaveRemotely();
		this.remote.down();

		SwitchableSession found = this.repository.findById(session.getId());

		assertThat(found).as("session found while the remote store is down").isNotNull();
		assertThat(found.<String>getAttribute("user")).isEqualTo("alice");
		assertThat(this.repository.storeOf(found)).isEqualTo("local");
	}

	@Test
	void createFallsBackToLocalStoreWhenRemoteStoreThrows() {
		this.repository.switchTo("memcached", this.remote);
		this.remote.down();

		SwitchableSession session = this.repository.createSession();
		this.repository.save(session);

		assertThat(this.repository.storeOf(session)).isEqualTo("local");
		assertThat(this.local.findStored(session.getId()).fallbackCopy()).isFalse();
	}

	@Test
	void saveFallsBackToLocalStoreWhenRemoteStoreThrows() {
		this.repository.switchTo("memcached", this.remote);
		SwitchableSession session = this.repository.createSession();
		this.remote.down();

		session.setAttribute("counter", 1);
		this.repository.save(session);

		assertThat(this.local.findById(session.getId()).<Integer>getAttribute("counter")).isEqualTo(1);
		assertThat(this.repository.storeOf(session)).isEqualTo("local");
	}

	@Test
	void deleteStillDeletesLocallyWhenRemoteStoreThrows() {
		SwitchableSession session = createAndSaveRemotely();
		this.remote.down();

		this.repository.deleteById(session.getId());

		assertThat(this.local.findById(session.getId())).isNull();
	}

	@Test
	void sessionCreatedDuringFailureMovesToRemoteStoreWhenItAnswers() {
		this.repository.switchTo("memcached", this.remote);
		this.remote.down();
		SwitchableSession session = this.repository.createSession();
		this.repository.save(session);
		this.remote.up();

		SwitchableSession found = this.repository.findById(session.getId());

		assertThat(found.getId()).isEqualTo(session.getId());
		assertThat(this.remote.sessions()).containsKey(session.getId());
	}

	/**
	 * A login changes the session id; when the store fails for that save, the session is kept
	 * locally under its new id, which the store has never seen: it is moved there on the next
	 * request, not taken for a session deleted on purpose.
	 */
	@Test
	void sessionWhoseIdChangedDuringFailureMovesToRemoteStoreUnderItsNewId() {
		SwitchableSession session = createAndSaveRemotely();
		SwitchableSession found = this.repository.findById(session.getId());
		this.remote.down();
		String newId = found.changeSessionId();
		found.setAttribute("user", "bob");
		this.repository.save(found);
		this.remote.up();

		SwitchableSession moved = this.repository.findById(newId);

		assertThat(moved).as("session under its new id").isNotNull();
		assertThat(moved.<String>getAttribute("user")).isEqualTo("bob");
		assertThat(this.repository.storeOf(moved)).isEqualTo("memcached");
		assertThat(this.remote.sessions()).containsKey(newId).doesNotContainKey(session.getId());
	}

	/**
	 * Two instances share the store and alternate; the fallback copy each keeps must hold what
	 * the other changed meanwhile, not only its own changes.
	 */
	@Test
	void fallbackCopyHoldsWhatAnotherInstanceChangedSinceThisOneLastSavedIt() {
		SwitchableSession session = createAndSaveRemotely();
		SwitchableSessionRepository other = new SwitchableSessionRepository(new LocalSessionRepository());
		other.switchTo("memcached", this.remote);
		SwitchableSession elsewhere = other.findById(session.getId());
		elsewhere.setAttribute("cart", "book");
		other.save(elsewhere);
		SwitchableSession here = this.repository.findById(session.getId());
		here.setAttribute("step", 2);
		this.repository.save(here);
		this.remote.down();

		SwitchableSession fallback = this.repository.findById(session.getId());

		assertThat(this.repository.storeOf(fallback)).isEqualTo("local");
		assertThat(fallback.<String>getAttribute("cart")).as("changed by the other instance").isEqualTo("book");
		assertThat(fallback.<Integer>getAttribute("step")).isEqualTo(2);
		assertThat(fallback.<String>getAttribute("user")).isEqualTo("alice");
	}

	@Test
	void aSessionTheStoreCannotTellOfIsServedFromItsCopyWithoutCountingAFailure() {
		this.repository.setRemoteFailureHandler((storeName, ex) -> this.events.add("failure " + storeName));
		SwitchableSession session = createAndSaveRemotely();
		this.remote.cannotTell(session.getId());

		SwitchableSession found = this.repository.findById(session.getId());

		assertThat(found).as("session served from its fallback copy").isNotNull();
		assertThat(found.<String>getAttribute("user")).isEqualTo("alice");
		assertThat(this.repository.storeOf(found)).isEqualTo("local");
		assertThat(this.events).as("failures reported").isEmpty();
		assertThat(this.local.findStored(session.getId())).as("copy kept").isNotNull();
	}

	@Test
	void aSessionCreatedLocallyMovesIntoAStoreThatCannotTellOfIt() {
		this.repository.switchTo("memcached", this.remote);
		this.remote.down();
		SwitchableSession session = this.repository.createSession();
		session.setAttribute("user", "bob");
		this.repository.save(session);
		this.remote.up();
		this.remote.cannotTell(session.getId());

		SwitchableSession found = this.repository.findById(session.getId());

		assertThat(this.repository.storeOf(found)).isEqualTo("memcached");
		assertThat(this.remote.sessions()).containsKey(session.getId());
		assertThat(found.<String>getAttribute("user")).isEqualTo("bob");
	}

	@Test
	void failedMigrationServesTheLocalSession() {
		MapSession outage = this.local.createSession();
		this.local.save(outage);
		this.repository.switchTo("memcached", new SaveFailingRepository());

		SwitchableSession found = this.repository.findById(outage.getId());

		assertThat(found).isNotNull();
		assertThat(found.getId()).isEqualTo(outage.getId());
		assertThat(this.repository.storeOf(found)).isEqualTo("local");
	}

	@Test
	void failureHandlerIsToldOfEveryRemoteException() {
		this.repository.setRemoteFailureHandler((storeName, ex) -> this.events.add(storeName + ": " + ex.getMessage()));
		SwitchableSession session = createAndSaveRemotely();
		this.remote.down();

		this.repository.findById(session.getId());
		this.repository.save(this.repository.createSession());

		assertThat(this.events).containsExactly("memcached: remote store down (findById)",
				"memcached: remote store down (createSession)");
	}

	@Test
	void listenerIsToldOfSuccessesAndFailures() {
		this.repository.setRemoteStoreListener(new RecordingListener());
		SwitchableSession session = createAndSaveRemotely();
		this.events.clear();

		this.repository.findById(session.getId());
		this.remote.down();
		this.repository.findById(session.getId());

		assertThat(this.events).containsExactly("success memcached", "failure memcached");
	}

	@Test
	void failureHandlerThatIsAlsoListenerIsToldOfSuccesses() {
		this.repository.setRemoteFailureHandler(new RecordingListener());
		SwitchableSession session = createAndSaveRemotely();
		this.events.clear();

		this.repository.findById(session.getId());

		assertThat(this.events).containsExactly("success memcached");
	}

	@Test
	void throwingCallbacksDoNotReachTheRequest() {
		this.repository.setRemoteFailureHandler((storeName, ex) -> {
			throw new IllegalStateException("handler bug");
		});
		this.repository.setRemoteStoreListener(new RemoteStoreListener() {

			@Override
			public void onSuccess(String storeName) {
				throw new IllegalStateException("listener bug");
			}

		});
		SwitchableSession session = createAndSaveRemotely();
		this.remote.down();

		assertThatNoException().isThrownBy(() -> this.repository.save(this.repository.findById(session.getId())));
	}

	@Test
	void logsOneWarningPerOutageAndTheRecovery(CapturedOutput output) {
		SwitchableSession session = createAndSaveRemotely();
		this.remote.down();
		this.repository.findById(session.getId());
		this.repository.findById(session.getId());
		this.repository.findById(session.getId());
		this.remote.up();
		this.repository.findById(session.getId());

		assertThat(output.getOut().split("failed \\(findById\\)", -1)).as("warnings during one outage").hasSize(2);
		assertThat(output.getOut()).contains("answers again");
	}

	@Test
	void asksAFailingRemoteStoreOnceWithoutRetrying() {
		CountingFailingRepository failing = new CountingFailingRepository();
		this.repository.switchTo("memcached", failing);
		failing.calls.set(0);

		this.repository.findById(UUID.randomUUID().toString());

		assertThat(failing.calls).as("remote calls for one failed lookup: the remote's own timeout is the only wait")
			.hasValue(1);
	}

	private SwitchableSession createAndSaveRemotely() {
		this.repository.switchTo("memcached", this.remote);
		SwitchableSession session = this.repository.createSession();
		session.setAttribute("user", "alice");
		this.repository.save(session);
		return session;
	}

	private final class RecordingListener implements RemoteStoreListener {

		@Override
		public void onFailure(String storeName, RuntimeException ex) {
			RemoteFailureTests.this.events.add("failure " + storeName);
		}

		@Override
		public void onSuccess(String storeName) {
			RemoteFailureTests.this.events.add("success " + storeName);
		}

	}

	/**
	 * Finds nothing, creates sessions, fails to save them.
	 */
	private static final class SaveFailingRepository implements SessionRepository<MapSession> {

		@Override
		public MapSession createSession() {
			return new MapSession();
		}

		@Override
		public void save(MapSession session) {
			throw new IllegalStateException("write refused");
		}

		@Override
		public @Nullable MapSession findById(String id) {
			return null;
		}

		@Override
		public void deleteById(String id) {
		}

	}

	/**
	 * Fails every call, counting them.
	 */
	private static final class CountingFailingRepository implements SessionRepository<MapSession> {

		final AtomicInteger calls = new AtomicInteger();

		private RuntimeException timeOut() {
			this.calls.incrementAndGet();
			return new IllegalStateException("operation timed out");
		}

		@Override
		public MapSession createSession() {
			throw timeOut();
		}

		@Override
		public void save(MapSession session) {
			throw timeOut();
		}

		@Override
		public @Nullable MapSession findById(String id) {
			throw timeOut();
		}

		@Override
		public void deleteById(String id) {
			throw timeOut();
		}

	}

}
