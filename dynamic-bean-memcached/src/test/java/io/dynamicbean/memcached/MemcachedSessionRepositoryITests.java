/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.dynamicbean.memcached.support.CompactValues;
import io.dynamicbean.memcached.support.SessionCodec;
import io.dynamicbean.session.SessionInvalidatedException;
import io.dynamicbean.session.serialization.DeserializationAllowList;
import io.dynamicbean.session.serialization.UnreadableValue.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.core.userdetails.User;
import org.springframework.session.MapSession;
import org.springframework.session.Session;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Integration tests of {@link MemcachedSessionRepository} against a real memcached process.
 */
@ExtendWith(OutputCaptureExtension.class)
class MemcachedSessionRepositoryITests {

	private static final String PREFIX = MemcachedSessionRepository.DEFAULT_KEY_PREFIX;

	private static final Duration TIMEOUT = Duration.ofMillis(200);

	/**
	 * Slack over the operation timeout for a loaded machine: small enough to tell the configured
	 * timeout from spymemcached's default of 2.5 s, never a latency target.
	 */
	private static final Duration MARGIN = Duration.ofMillis(1500);

	@RegisterExtension
	static final MemcachedServer memcached = new MemcachedServer();

	private MemcachedCluster client;

	private MemcachedSessionRepository repository;

	@BeforeEach
	void startMemcached() throws Exception {
		memcached.start();
		memcached.flush();
		MemcachedClientGenerator generator = new MemcachedClientGenerator();
		generator.setServers(List.of(memcached.getAddress()));
		generator.setOperationTimeout(TIMEOUT);
		this.client = generator.generate();
		this.repository = new MemcachedSessionRepository(this.client);
		Gadget.reset();
	}

	@AfterEach
	void shutdownClient() {
		this.client.shutdown();
	}

	@Test
	void savesEachSessionAsOneItemUnderItsPrefixedKey() {
		MemcachedSession session = this.repository.createSession();
		session.setAttribute("count", 1);
		this.repository.save(session);
		assertThat(memcached.get(PREFIX + session.getId())).as("item of the session").isNotEmpty();
	}

	@Test
	void writesTheLoginAndStringsCompactlyByDefaultAndStillReadsJavaSerialization() throws Exception {
		SecurityContextImpl login = new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated(
				new User("alice", "", AuthorityUtils.createAuthorityList("ROLE_USER")), null,
				AuthorityUtils.createAuthorityList("ROLE_USER")));
		MemcachedSessionRepository javaWriter = new MemcachedSessionRepository(this.client);
		javaWriter.setCompactValues(false);
		MemcachedSession written = javaWriter.createSession();
		written.setAttribute("SPRING_SECURITY_CONTEXT", login);
		written.setAttribute("name", "alice");
		javaWriter.save(written);
		SessionCodec codec = new SessionCodec(new DeserializationAllowList(List.of(), List.of(), 1 << 20), null);
		assertThat(codec.decode(memcached.get(PREFIX + written.getId()), written.getId()).getRawAttributes().values())
			.as("values written with compact values off")
			.allSatisfy((bytes) -> assertThat(CompactValues.isCompact(bytes)).isFalse());

		MemcachedSession read = this.repository.findById(written.getId());
		assertThat(read.<SecurityContext>getAttribute("SPRING_SECURITY_CONTEXT")).as("login written with Java serialization")
			.isEqualTo(login);
		assertThat(read.<String>getAttribute("name")).isEqualTo("alice");
		read.setAttribute("name", "alice2");
		this.repository.save(read);
		MemcachedSession created = this.repository.createSession();
		created.setAttribute("SPRING_SECURITY_CONTEXT", login);
		this.repository.save(created);

		assertThat(codec.decode(memcached.get(PREFIX + written.getId()), written.getId()).getRawAttributes())
			.as("the default writes the string it changes compactly and keeps the bytes of the rest")
			.hasEntrySatisfying("name", (bytes) -> assertThat(CompactValues.isCompact(bytes)).isTrue())
			.hasEntrySatisfying("SPRING_SECURITY_CONTEXT", (bytes) -> assertThat(CompactValues.isCompact(bytes)).isFalse());
		assertThat(codec.decode(memcached.get(PREFIX + created.getId()), created.getId()).getRawAttributes())
			.as("a login saved by default")
			.hasEntrySatisfying("SPRING_SECURITY_CONTEXT", (bytes) -> assertThat(CompactValues.isCompact(bytes)).isTrue());
		assertThat(javaWriter.findById(created.getId()).<SecurityContext>getAttribute("SPRING_SECURITY_CONTEXT"))
			.as("a compact login read back with compact values off")
			.isEqualTo(login);
	}

	@Test
	void expiresTheItemAfterTheMaxInactiveInterval() {
		MemcachedSession session = this.repository.createSession();
		session.setMaxInactiveInterval(Duration.ofMinutes(45));
		this.repository.save(session);
		assertThat(memcached.ttl(PREFIX + session.getId())).as("seconds to live")
			.isBetween(Duration.ofMinutes(45).toSeconds() - 2, Duration.ofMinutes(45).toSeconds() + 1);
	}

	@Test
	void findsASavedSessionWithItsLogin() {
		MemcachedSession session = this.repository.createSession();
		User user = new User("alice", "{noop}secret", AuthorityUtils.createAuthorityList("ROLE_USER"));
		session.setAttribute("SPRING_SECURITY_CONTEXT",
				new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities())));
		this.repository.save(session);
		MemcachedSession found = inAnotherRequest(() -> this.repository.findById(session.getId()));
		assertThat(found).isNotNull();
		assertThat(found.<SecurityContext>getAttribute("SPRING_SECURITY_CONTEXT").getAuthentication().getName())
			.isEqualTo("alice");
	}

	@Test
	void costsOneRoundTripToFindAndOneToSave() {
		MemcachedSession session = this.repository.createSession();
		this.repository.save(session);
		long before = memcached.commands();
		inAnotherRequest(() -> {
			MemcachedSession found = this.repository.findById(session.getId());
			found.setAttribute("count", 2);
			this.repository.save(found);
			return found;
		});
		assertThat(memcached.commands() - before).as("memcached commands for one request").isEqualTo(2);
	}

	@Test
	void treatsAMalformedSessionIdAsNotFoundWithoutAskingMemcached() {
		long before = memcached.commands();
		assertThat(this.repository.findById("x\r\nflush_all")).isNull();
		assertThat(this.repository.findById("")).isNull();
		this.repository.deleteById("../../etc");
		assertThat(memcached.commands() - before).as("memcached commands").isZero();
	}

	@Test
	void treatsGarbageAsNotFoundAndWarns(CapturedOutput output) {
		String id = UUID.randomUUID().toString();
		memcached.set(PREFIX + id, "garbage".getBytes());
		assertThat(this.repository.findById(id)).isNull();
		assertThat(output).contains("WARN").contains("Ignoring session entry '" + PREFIX + id + "'");
	}

	@Test
	void leavesOutAClassOffTheAllowListWithoutDeserializingItAndServesTheRest(CapturedOutput output) {
		MapSession poisoned = new MapSession(UUID.randomUUID().toString());
		poisoned.setAttribute("login", "alice");
		poisoned.setAttribute("gadget", new Gadget("boom"));
		SessionCodec codec = new SessionCodec(new DeserializationAllowList(List.of(), List.of(), 1 << 20), null);
		memcached.set(PREFIX + poisoned.getId(), codec.encode(poisoned, 1 << 20, "key"));
		MemcachedSession found = this.repository.findById(poisoned.getId());
		assertThat(found).as("session holding a refused value").isNotNull();
		assertThat(found.getAttributeNames()).as("attributes served").containsExactly("login");
		assertThat(Gadget.wasDeserialized()).as("Gadget deserialized").isFalse();
		assertThat(this.repository.getUnreadableValues().getCount(Reason.REFUSED)).as("refused values").isOne();
		assertThat(output).contains("WARN").contains("class io.dynamicbean.memcached.Gadget is not on the allow-list")
			.contains("attribute 'gadget'");
	}

	@Test
	void treatsAPlainSerializedObjectAsNotFound() throws Exception {
		String id = UUID.randomUUID().toString();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(new Gadget("boom"));
		}
		memcached.set(PREFIX + id, bytes.toByteArray());
		assertThat(this.repository.findById(id)).isNull();
		assertThat(Gadget.wasDeserialized()).isFalse();
	}

	@Test
	void storesASessionThatJustFitsTheItemSize() {
		this.repository.setMaxItemSize(DataSize.ofMegabytes(1));
		MemcachedSession session = this.repository.createSession();
		session.setAttribute("data", new byte[0]);
		String key = PREFIX + session.getId();
		int empty = encodedSize(session);
		long room = DataSize.ofMegabytes(1).toBytes() - key.length() - SessionItems.ITEM_HEADER_BYTES;
		session.setAttribute("data", new byte[(int) (room - empty)]);
		assertThat(encodedSize(session)).isEqualTo(room);
		this.repository.save(session);
		assertThat(memcached.get(key)).hasSize((int) room);
	}

	@Test
	void refusesASessionOverTheItemSizeAndDeletesItsStaleCopy(CapturedOutput output) {
		MemcachedSession session = this.repository.createSession();
		this.repository.save(session);
		session.setAttribute("data", new byte[1200 * 1024]);
		assertThatExceptionOfType(SessionTooLargeException.class).isThrownBy(() -> this.repository.save(session));
		assertThat(memcached.get(PREFIX + session.getId())).as("stale copy").isNull();
		assertThat(output).contains("Session '" + PREFIX + session.getId() + "' is larger than");
	}

	@Test
	void throwsWhenMemcachedRefusesToStoreTheSession() {
		this.repository.setMaxItemSize(DataSize.ofMegabytes(2));
		MemcachedSession session = this.repository.createSession();
		session.setAttribute("data", new byte[1536 * 1024]);
		assertThatExceptionOfType(MemcachedStoreException.class).isThrownBy(() -> this.repository.save(session))
			.withMessageStartingWith("Memcached refused to store session '" + PREFIX + session.getId() + "'")
			.isNotInstanceOf(MemcachedUnavailableException.class);
	}

	@Test
	void findsNothingForAnExpiredSession() {
		MemcachedSession session = this.repository.createSession();
		session.setMaxInactiveInterval(Duration.ofMinutes(10));
		this.repository.save(session);
		this.repository.setClock(Clock.fixed(Instant.now().plus(Duration.ofMinutes(11)), ZoneOffset.UTC));
		assertThat(this.repository.findById(session.getId())).isNull();
	}

	@Test
	void movesTheSessionToItsNewIdLeavingATombstoneUnderTheOldOne() {
		MemcachedSession session = this.repository.createSession();
		this.repository.save(session);
		MemcachedSession found = this.repository.findById(session.getId());
		String oldId = found.getId();
		found.changeSessionId();
		this.repository.save(found);
		assertThat(this.repository.findById(found.getId())).as("session under its new id").isNotNull();
		assertThat(this.repository.findById(oldId)).as("session under its old id").isNull();
		assertThat(memcached.get(PREFIX + oldId)).as("tombstone under the old id").isNotNull();
	}

	@Test
	void throwsWithinTheOperationTimeoutWhenMemcachedIsFrozen() {
		MemcachedSession session = this.repository.createSession();
		memcached.freeze();
		long start = System.nanoTime();
		assertThatExceptionOfType(MemcachedUnavailableException.class).isThrownBy(() -> this.repository.save(session))
			.withMessageContaining("add of '" + PREFIX + session.getId() + "' timed out after 200 ms")
			.satisfies((ex) -> assertThat(ex.isFailedFast()).isFalse());
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.plus(MARGIN));
	}

	@Test
	void failsFastRightAfterAFailure() {
		memcached.freeze();
		assertThatExceptionOfType(MemcachedUnavailableException.class)
			.isThrownBy(() -> this.repository.findById(UUID.randomUUID().toString()));
		assertThatExceptionOfType(MemcachedUnavailableException.class)
			.isThrownBy(() -> this.repository.save(this.repository.createSession()))
			.withMessageContaining("not attempted")
			.satisfies((ex) -> assertThat(ex.isFailedFast()).isTrue());
	}

	@Test
	void throwsAtOnceWhenMemcachedIsKilled() {
		memcached.kill();
		String id = UUID.randomUUID().toString();
		for (int i = 0; i < 3; i++) {
			long start = System.nanoTime();
			assertThatExceptionOfType(MemcachedUnavailableException.class).isThrownBy(() -> this.repository.findById(id));
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.plus(MARGIN));
		}
	}

	@Test
	void deletingLeavesATombstoneForTheDefaultMaxInactiveInterval() {
		this.repository.setDefaultMaxInactiveInterval(Duration.ofMinutes(20));
		MemcachedSession session = this.repository.createSession();
		this.repository.save(session);
		this.repository.deleteById(session.getId());
		assertThat(this.repository.findById(session.getId())).as("deleted session").isNull();
		assertThat(memcached.ttl(PREFIX + session.getId())).as("seconds the tombstone lives")
			.isBetween(Duration.ofMinutes(20).toSeconds() - 2, Duration.ofMinutes(20).toSeconds() + 1);
	}

	@Test
	void refusesToAddANewSessionOverTheTombstoneOfItsId() {
		MemcachedSession deleted = this.repository.createSession();
		this.repository.save(deleted);
		this.repository.deleteById(deleted.getId());
		this.repository.setSessionIdGenerator(deleted::getId);
		MemcachedSession recreated = this.repository.createSession();
		recreated.setAttribute("login", "alice");
		assertThatExceptionOfType(SessionInvalidatedException.class)
			.isThrownBy(() -> this.repository.save(recreated))
			.withMessage("Session was invalidated");
		assertThat(this.repository.findById(deleted.getId())).as("deleted session").isNull();
	}

	@Test
	void refusesToSaveOntoAnEntryThatBecameGarbage() {
		MemcachedSession session = this.repository.createSession();
		this.repository.save(session);
		MemcachedSession found = this.repository.findById(session.getId());
		memcached.set(PREFIX + session.getId(), "garbage".getBytes());
		found.setAttribute("count", 2);
		assertThatExceptionOfType(SessionInvalidatedException.class).isThrownBy(() -> this.repository.save(found));
	}

	@Test
	void aCasThatTimesOutIsAnOutageNotAConflict() {
		MemcachedSession session = this.repository.createSession();
		this.repository.save(session);
		MemcachedSession found = this.repository.findById(session.getId());
		found.setAttribute("count", 2);
		memcached.freeze();
		assertThatExceptionOfType(MemcachedUnavailableException.class).isThrownBy(() -> this.repository.save(found))
			.withMessageContaining("cas of '" + PREFIX + session.getId() + "' timed out after 200 ms")
			.satisfies((ex) -> assertThat(ex.isFailedFast()).isFalse());
	}

	@Test
	void readsAnEntryOfTheFormerFormatAndRewritesItInTheNewOne() throws Exception {
		String id = UUID.randomUUID().toString();
		memcached.set(PREFIX + id, format1Entry(id, "count", 1));
		MemcachedSession found = this.repository.findById(id);
		assertThat(found).as("session of format 1").isNotNull();
		assertThat(found.<Integer>getAttribute("count")).isEqualTo(1);
		found.setAttribute("name", "alice");
		this.repository.save(found);
		assertThat(memcached.get(PREFIX + id)).as("entry rewritten in format 2").startsWith(0x44, 0x42, 0x4D, 0x53, 2);
		MemcachedSession again = this.repository.findById(id);
		assertThat(again.<Integer>getAttribute("count")).isEqualTo(1);
		assertThat(again.<String>getAttribute("name")).isEqualTo("alice");
	}

	/**
	 * An entry as the former release wrote it: format 1, one Java serialization stream.
	 */
	private static byte[] format1Entry(String id, String name, Object value) throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		Instant now = Instant.now();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeInt(0x44424D53);
			out.writeByte(1);
			out.writeUTF(id);
			out.writeLong(now.getEpochSecond());
			out.writeInt(now.getNano());
			out.writeLong(now.getEpochSecond());
			out.writeInt(now.getNano());
			out.writeLong(Duration.ofMinutes(30).getSeconds());
			out.writeInt(0);
			out.writeInt(1);
			out.writeUTF(name);
			out.writeObject(value);
		}
		return bytes.toByteArray();
	}

	/**
	 * Run an action on another thread, as the next request of a session would.
	 */
	private static <T> T inAnotherRequest(Callable<T> action) {
		ExecutorService thread = Executors.newSingleThreadExecutor();
		try {
			return thread.submit(action).get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			thread.shutdown();
		}
	}

	private static int encodedSize(Session session) {
		SessionCodec codec = new SessionCodec(new DeserializationAllowList(List.of(), List.of(), 1 << 21), null);
		return codec.encode(session, 1 << 21, "key").length;
	}

}
