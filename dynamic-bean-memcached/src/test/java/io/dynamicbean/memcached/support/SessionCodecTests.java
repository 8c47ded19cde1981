/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.support;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.dynamicbean.memcached.Gadget;
import io.dynamicbean.memcached.SessionSerializationException;
import io.dynamicbean.memcached.SessionTooLargeException;
import io.dynamicbean.session.serialization.DeserializationAllowList;
import io.dynamicbean.session.serialization.UnreadableValue;
import io.dynamicbean.session.serialization.UnreadableValue.Reason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.session.MapSession;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SessionCodec}.
 */
class SessionCodecTests {

	private static final long MAX_BYTES = 1024 * 1024;

	private final SessionCodec codec = new SessionCodec(new DeserializationAllowList(List.of(), List.of(), MAX_BYTES),
			getClass().getClassLoader());

	private final MapSession session = new MapSession(UUID.randomUUID().toString());

	@BeforeEach
	void resetGadget() {
		Gadget.reset();
		this.session.setCreationTime(Instant.parse("2026-01-01T10:00:00Z"));
		this.session.setLastAccessedTime(Instant.parse("2026-01-01T10:05:00.123456789Z"));
		this.session.setMaxInactiveInterval(Duration.ofMinutes(45));
	}

	@Test
	void roundTripsTheSessionHeaderAndPlainAttributes() throws Exception {
		this.session.setAttribute("count", 42);
		this.session.setAttribute("names", new ArrayList<>(List.of("a", "b")));
		this.session.setAttribute("map", new HashMap<>(Map.of("k", 1L)));
		this.session.setAttribute("immutable", List.of(1, 2, 3));
		this.session.setAttribute("set", Set.of("x"));
		this.session.setAttribute("day", LocalDate.of(2026, 3, 1));
		this.session.setAttribute("locale", Locale.FRANCE);
		this.session.setAttribute("unit", ChronoUnit.DAYS);
		this.session.setAttribute("bytes", new byte[] { 1, 2, 3 });
		MapSession decoded = toSession(this.codec.decode(encode(this.session), this.session.getId()));
		assertThat(decoded.getId()).isEqualTo(this.session.getId());
		assertThat(decoded.getCreationTime()).isEqualTo(this.session.getCreationTime());
		assertThat(decoded.getLastAccessedTime()).isEqualTo(this.session.getLastAccessedTime());
		assertThat(decoded.getMaxInactiveInterval()).isEqualTo(Duration.ofMinutes(45));
		assertThat(decoded.getAttributeNames()).isEqualTo(this.session.getAttributeNames());
		for (String name : List.of("count", "names", "map", "immutable", "set", "day", "locale", "unit")) {
			assertThat(decoded.<Object>getAttribute(name)).as(name).isEqualTo(this.session.getAttribute(name));
		}
		assertThat((byte[]) decoded.getAttribute("bytes")).containsExactly(1, 2, 3);
	}

	@Test
	void tellsATombstoneFromItsHeaderAlone() {
		SessionEntry tombstone = SessionEntry.tombstone(this.session.getId(), Instant.parse("2026-01-01T10:00:00Z"),
				Duration.ofMinutes(30));
		this.session.setAttribute("count", 42);
		assertThat(SessionCodec.mayBeTombstone(this.codec.encode(tombstone, MAX_BYTES, "key"))).isTrue();
		assertThat(SessionCodec.mayBeTombstone(encode(this.session))).as("a session").isFalse();
		assertThat(SessionCodec.mayBeTombstone(new byte[] { 1, 2, 3 })).as("garbage").isFalse();
		assertThat(SessionCodec.mayBeTombstone(new byte[0])).as("nothing").isFalse();
	}

	@Test
	void roundTripsASpringSecurityLogin() throws Exception {
		User user = new User("alice", "{noop}secret", AuthorityUtils.createAuthorityList("ROLE_USER"));
		UsernamePasswordAuthenticationToken authentication = UsernamePasswordAuthenticationToken.authenticated(user, null,
				List.of(FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY),
						AuthorityUtils.createAuthorityList("ROLE_USER").get(0)));
		this.session.setAttribute("SPRING_SECURITY_CONTEXT", new SecurityContextImpl(authentication));
		this.session.setAttribute("csrf", new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "token"));
		this.session.setAttribute("SPRING_SECURITY_LAST_EXCEPTION", new BadCredentialsException("Bad credentials"));
		MapSession decoded = toSession(this.codec.decode(encode(this.session), this.session.getId()));
		SecurityContext context = decoded.getAttribute("SPRING_SECURITY_CONTEXT");
		assertThat(context.getAuthentication().getName()).isEqualTo("alice");
		assertThat(context.getAuthentication().getAuthorities()).extracting("authority")
			.containsExactlyInAnyOrder("FACTOR_PASSWORD", "ROLE_USER");
		assertThat(decoded.<Object>getAttribute("csrf")).isInstanceOf(DefaultCsrfToken.class);
		assertThat(decoded.<Object>getAttribute("SPRING_SECURITY_LAST_EXCEPTION"))
			.isInstanceOf(BadCredentialsException.class);
	}

	@Test
	void leavesOutAClassOffTheAllowListWithoutDeserializingItAndKeepsItsBytes() throws Exception {
		this.session.setAttribute("login", "alice");
		this.session.setAttribute("gadget", new Gadget("boom"));
		byte[] data = encode(this.session);
		SessionEntry entry = this.codec.decode(data, this.session.getId());
		assertThat(entry.getValues()).as("values read").containsOnlyKeys("login");
		assertThat(entry.getUnreadableValues().get("gadget")).as("why the gadget was left out")
			.isEqualTo(new UnreadableValue(Reason.REFUSED, Gadget.class.getName(),
					"class io.dynamicbean.memcached.Gadget is not on the allow-list"));
		assertThat(this.codec.encode(entry, MAX_BYTES, "key")).as("entry written back from the bytes read")
			.isEqualTo(data);
		assertThat(Gadget.wasDeserialized()).as("Gadget.readObject ran").isFalse();
	}

	@Test
	void leavesOutAnAllowedCollectionHoldingAClassOffTheAllowList() throws Exception {
		this.session.setAttribute("list", new ArrayList<>(List.of("fine", new Gadget("boom"))));
		SessionEntry entry = this.codec.decode(encode(this.session), this.session.getId());
		assertThat(entry.getValues()).as("values read").isEmpty();
		assertThat(entry.getUnreadableValues().get("list").detail()).contains("Gadget is not on the allow-list");
		assertThat(Gadget.wasDeserialized()).isFalse();
	}

	@Test
	void leavesOutAValueOfAClassMissingFromTheClassPath() throws Exception {
		SessionCodec allowing = new SessionCodec(
				new DeserializationAllowList(List.of(), List.of("io.dynamicbean.memcached.support"), MAX_BYTES), null);
		byte[] data = withAttribute(encode(this.session), "visit", javaSerializationOf(
				"io.dynamicbean.memcached.support.NoSuchClass"));
		SessionEntry entry = allowing.decode(data, this.session.getId());
		assertThat(entry.getValues()).isEmpty();
		assertThat(entry.getRawAttributes()).containsKey("visit");
		assertThat(entry.getUnreadableValues().get("visit").reason()).isEqualTo(Reason.MISSING_CLASS);
	}

	@Test
	void leavesOutCorruptValueBytesButServesTheRest() throws Exception {
		this.session.setAttribute("login", "alice");
		byte[] data = withAttribute(encode(this.session), "broken", new byte[] { (byte) 0xAC, (byte) 0xED, 0, 5, 1 });
		SessionEntry entry = this.codec.decode(data, this.session.getId());
		assertThat(entry.getValues()).containsOnlyKeys("login");
		assertThat(entry.getUnreadableValues().get("broken").reason()).isEqualTo(Reason.CORRUPT);
	}

	@Test
	void neverRemembersAValueThatCouldNotBeRead() throws Exception {
		DecodedValueCache cache = new DecodedValueCache(DataSize.ofMegabytes(1));
		SessionCodec caching = new SessionCodec(new DeserializationAllowList(List.of(), List.of(), MAX_BYTES), null,
				cache);
		this.session.setAttribute("gadget", new Gadget("boom"));
		byte[] data = encode(this.session);
		caching.decode(data, this.session.getId());
		SessionEntry again = caching.decode(data, this.session.getId());
		assertThat(again.getValues()).as("values read the second time").isEmpty();
		assertThat(again.getUnreadableValues()).containsOnlyKeys("gadget");
		assertThat(cache.get(this.session.getId(), "gadget", again.getRawAttributes().get("gadget")))
			.as("cached value of the refused bytes").isNull();
	}

	@Test
	void readsAnApplicationClassOnceItsPackageIsAllowed() throws Exception {
		SessionCodec codec = new SessionCodec(
				new DeserializationAllowList(List.of(), List.of("io.dynamicbean.memcached"), MAX_BYTES), null);
		this.session.setAttribute("gadget", new Gadget("fine"));
		MapSession decoded = toSession(codec.decode(encode(this.session), this.session.getId()));
		assertThat(decoded.<Gadget>getAttribute("gadget").getPayload()).isEqualTo("fine");
	}

	@Test
	void refusesTheEntryOfAnotherSession() {
		byte[] data = encode(this.session);
		assertThatExceptionOfType(InvalidSessionEntryException.class)
			.isThrownBy(() -> this.codec.decode(data, UUID.randomUUID().toString()))
			.withMessage("the entry holds another session's id");
	}

	@Test
	void refusesGarbage() {
		assertThatExceptionOfType(InvalidSessionEntryException.class)
			.isThrownBy(() -> this.codec.decode("not a session".getBytes(), this.session.getId()))
			.withMessage("the entry is not a session written by this version");
	}

	@Test
	void refusesAPlainSerializedObject() throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(new Gadget("boom"));
		}
		assertThatExceptionOfType(InvalidSessionEntryException.class)
			.isThrownBy(() -> this.codec.decode(bytes.toByteArray(), this.session.getId()));
		assertThat(Gadget.wasDeserialized()).isFalse();
	}

	@Test
	void leavesOutAValueNestedTooDeeply() throws Exception {
		List<Object> nested = new ArrayList<>();
		List<Object> current = nested;
		for (int i = 0; i < DeserializationAllowList.DEFAULT_MAX_DEPTH + 5; i++) {
			List<Object> next = new ArrayList<>();
			current.add(next);
			current = next;
		}
		this.session.setAttribute("nested", nested);
		byte[] data = encode(this.session);
		SessionEntry entry = this.codec.decode(data, this.session.getId());
		assertThat(entry.getValues()).isEmpty();
		assertThat(entry.getUnreadableValues().get("nested"))
			.isEqualTo(new UnreadableValue(Reason.REFUSED, null, "objects are nested deeper than 32 levels"));
	}

	@Test
	void refusesAnEntryLargerThanTheLimit() {
		SessionCodec small = new SessionCodec(new DeserializationAllowList(List.of(), List.of(), 2048), null);
		this.session.setAttribute("big", new byte[4096]);
		byte[] data = encode(this.session);
		assertThatExceptionOfType(InvalidSessionEntryException.class)
			.isThrownBy(() -> small.decode(data, this.session.getId()))
			.withMessage("the entry is larger than 2048 bytes");
	}

	@Test
	void refusesToEncodeASessionOverTheLimit() {
		this.session.setAttribute("big", new byte[4096]);
		assertThatExceptionOfType(SessionTooLargeException.class)
			.isThrownBy(() -> this.codec.encode(this.session, 2048, "prefix:" + this.session.getId()))
			.withMessageContaining("Session 'prefix:" + this.session.getId() + "' is larger than 2048 bytes")
			.withMessageContaining("dynamic-bean.memcached.max-item-size");
	}

	@Test
	void encodesAnEntryOfExactlyTheLimitAndRefusesItOneByteBelow() throws Exception {
		this.session.setAttribute("a", "x".repeat(600));
		this.session.setAttribute("b", "y".repeat(600));
		byte[] data = encode(this.session);
		SessionEntry entry = this.codec.decode(data, this.session.getId());
		assertThat(this.codec.encode(entry, data.length, "key")).isEqualTo(data);
		assertThatExceptionOfType(SessionTooLargeException.class)
			.isThrownBy(() -> this.codec.encode(entry, data.length - 1, "key"))
			.withMessageContaining("is larger than " + (data.length - 1) + " bytes");
	}

	@Test
	void roundTripsAttributeNamesBeyondAscii() throws Exception {
		String name = "zähler-名前-".repeat(40);
		this.session.setAttribute(name, 7L);
		this.session.setAttribute("plain", "value");
		MapSession decoded = toSession(this.codec.decode(encode(this.session), this.session.getId()));
		assertThat(decoded.getAttributeNames()).containsExactlyInAnyOrder(name, "plain");
		assertThat(decoded.<Long>getAttribute(name)).isEqualTo(7L);
	}

	@Test
	void refusesToEncodeASessionHoldingMoreObjectsThanAReadMay() {
		this.session.setAttribute("many", strings(DeserializationAllowList.DEFAULT_MAX_REFERENCES));
		assertThatExceptionOfType(SessionTooLargeException.class)
			.isThrownBy(() -> this.codec.encode(this.session, MAX_BYTES, "key"))
			.withMessageContaining("holds more than 10000 objects in attribute 'many'")
			.withMessageContaining("dynamic-bean.session.serialization.max-references");
	}

	@Test
	void leavesOutAValueHoldingMoreStringsThanTheLimit() throws Exception {
		SessionCodec generous = new SessionCodec(new DeserializationAllowList(List.of(), List.of(), MAX_BYTES,
				DeserializationAllowList.DEFAULT_MAX_DEPTH, 100_000), null);
		this.session.setAttribute("many", strings(20_000));
		byte[] data = generous.encode(this.session, MAX_BYTES, "key");
		SessionEntry entry = this.codec.decode(data, this.session.getId());
		assertThat(entry.getValues()).isEmpty();
		assertThat(entry.getUnreadableValues().get("many").detail()).isEqualTo("the entry holds more than 10000 objects");
	}

	@Test
	void roundTripsASessionJustWithinTheObjectLimit() throws Exception {
		this.session.setAttribute("many", strings(DeserializationAllowList.DEFAULT_MAX_REFERENCES - 10));
		MapSession read = toSession(this.codec.decode(encode(this.session), this.session.getId()));
		assertThat(read.<List<String>>getAttribute("many")).isEqualTo(this.session.getAttribute("many"));
	}

	@Test
	void namesTheAttributeThatCannotBeSerialized() {
		this.session.setAttribute("thread", new Object());
		assertThatExceptionOfType(SessionSerializationException.class)
			.isThrownBy(() -> this.codec.encode(this.session, MAX_BYTES, "key"))
			.withMessageContaining("attribute 'thread' holds a java.lang.Object, which is not Serializable");
	}

	private static ArrayList<String> strings(int count) {
		ArrayList<String> strings = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			strings.add("s" + i);
		}
		return strings;
	}

	@Test
	void readsAnEntryOfFormat1AsWrittenByTheFormerVersion() throws Exception {
		this.session.setAttribute("count", 42);
		this.session.setAttribute("names", new ArrayList<>(List.of("a", "b")));
		SessionEntry entry = this.codec.decode(encodeFormat1(this.session), this.session.getId());
		assertThat(entry.getKind()).isEqualTo(SessionEntry.Kind.SESSION);
		assertThat(entry.getCreationTime()).isEqualTo(this.session.getCreationTime());
		assertThat(entry.getLastAccessedTime()).isEqualTo(this.session.getLastAccessedTime());
		assertThat(entry.getMaxInactiveInterval()).isEqualTo(Duration.ofMinutes(45));
		assertThat(entry.getValues()).containsEntry("count", 42).containsEntry("names", List.of("a", "b"));
		assertThat(entry.getRawAttributes()).as("bytes of format 1 attributes, unknown")
			.containsOnlyKeys("count", "names")
			.containsValues((byte[]) null);
	}

	@Test
	void refusesAClassOffTheAllowListInAnEntryOfFormat1() throws Exception {
		this.session.setAttribute("gadget", new Gadget("boom"));
		byte[] data = encodeFormat1(this.session);
		assertThatExceptionOfType(InvalidSessionEntryException.class)
			.isThrownBy(() -> this.codec.decode(data, this.session.getId()))
			.withMessage("class io.dynamicbean.memcached.Gadget is not on the allow-list");
		assertThat(Gadget.wasDeserialized()).isFalse();
	}

	@Test
	void keepsTheBytesOfEachAttributeAsRead() throws Exception {
		this.session.setAttribute("count", 42);
		this.session.setAttribute("name", "alice");
		byte[] data = encode(this.session);
		SessionEntry entry = this.codec.decode(data, this.session.getId());
		assertThat(entry.getRawAttributes().get("count"))
			.isEqualTo(this.codec.serialize("count", 42, MAX_BYTES, "key"));
		assertThat(this.codec.encode(entry, MAX_BYTES, "key")).as("entry written back from the bytes read")
			.isEqualTo(data);
	}

	@Test
	void roundTripsATombstone() throws Exception {
		Instant now = Instant.parse("2026-01-01T10:00:00Z");
		byte[] data = this.codec.encode(SessionEntry.tombstone(this.session.getId(), now, Duration.ofMinutes(30)),
				MAX_BYTES, "key");
		SessionEntry entry = this.codec.decode(data, this.session.getId());
		assertThat(entry.isTombstone()).isTrue();
		assertThat(entry.getRawAttributes()).isEmpty();
		assertThat(entry.getLastAccessedTime()).isEqualTo(now);
	}

	@Test
	void refusesATombstoneHoldingAttributes() throws Exception {
		this.session.setAttribute("count", 42);
		byte[] data = encode(this.session);
		data[5] = (byte) SessionEntry.Kind.TOMBSTONE.ordinal();
		assertThatExceptionOfType(InvalidSessionEntryException.class)
			.isThrownBy(() -> this.codec.decode(data, this.session.getId()))
			.withMessage("a tombstone holds attributes");
	}

	@Test
	void refusesAnEntryOfUnknownKind() {
		byte[] data = encode(this.session);
		data[5] = 7;
		assertThatExceptionOfType(InvalidSessionEntryException.class)
			.isThrownBy(() -> this.codec.decode(data, this.session.getId()))
			.withMessage("the entry is of unknown kind 7");
	}

	@Test
	void refusesAnAttributeClaimingMoreBytesThanTheEntryHas() {
		this.session.setAttribute("count", 42);
		byte[] data = encode(this.session);
		byte[] truncated = Arrays.copyOf(data, data.length - 3);
		assertThatExceptionOfType(InvalidSessionEntryException.class)
			.isThrownBy(() -> this.codec.decode(truncated, this.session.getId()))
			.withMessageContaining("attribute 'count' claims");
	}

	@Test
	void refusesAnEntryWithTrailingBytes() {
		byte[] data = encode(this.session);
		byte[] longer = Arrays.copyOf(data, data.length + 1);
		assertThatExceptionOfType(InvalidSessionEntryException.class)
			.isThrownBy(() -> this.codec.decode(longer, this.session.getId()))
			.withMessage("the entry has trailing bytes");
	}

	static MapSession toSession(SessionEntry entry) {
		MapSession session = new MapSession(entry.getId());
		session.setCreationTime(entry.getCreationTime());
		session.setLastAccessedTime(entry.getLastAccessedTime());
		session.setMaxInactiveInterval(entry.getMaxInactiveInterval());
		entry.getValues().forEach(session::setAttribute);
		return session;
	}

	/**
	 * Encode a session as the former version did: format 1, one Java serialization stream.
	 */
	private static byte[] encodeFormat1(MapSession session) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeInt(0x44424D53);
			out.writeByte(1);
			out.writeUTF(session.getId());
			out.writeLong(session.getCreationTime().getEpochSecond());
			out.writeInt(session.getCreationTime().getNano());
			out.writeLong(session.getLastAccessedTime().getEpochSecond());
			out.writeInt(session.getLastAccessedTime().getNano());
			out.writeLong(session.getMaxInactiveInterval().getSeconds());
			out.writeInt(session.getMaxInactiveInterval().getNano());
			out.writeInt(session.getAttributeNames().size());
			for (String name : session.getAttributeNames()) {
				out.writeUTF(name);
				out.writeObject(session.getAttribute(name));
			}
		}
		return bytes.toByteArray();
	}

	private byte[] encode(MapSession session) {
		return this.codec.encode(session, MAX_BYTES, "key");
	}

	/**
	 * Return an entry of format 2 with one more attribute of the given bytes.
	 */
	private byte[] withAttribute(byte[] entry, String name, byte[] value) throws Exception {
		SessionEntry decoded = this.codec.decode(entry, this.session.getId());
		Map<String, byte[]> raw = new LinkedHashMap<>(decoded.getRawAttributes());
		raw.put(name, value);
		return this.codec.encode(new SessionEntry(SessionEntry.Kind.SESSION, decoded.getId(), decoded.getCreationTime(),
				decoded.getLastAccessedTime(), decoded.getMaxInactiveInterval(), raw, Map.of()), MAX_BYTES, "key");
	}

	/**
	 * Return the Java serialization of an object of a class that only exists in these bytes: a
	 * {@code Serializable} class of the given name with no fields.
	 */
	private static byte[] javaSerializationOf(String className) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeShort(0xACED);
			out.writeShort(5);
			out.writeByte(0x73); // TC_OBJECT
			out.writeByte(0x72); // TC_CLASSDESC
			out.writeUTF(className);
			out.writeLong(1L);
			out.writeByte(0x02); // SC_SERIALIZABLE
			out.writeShort(0);
			out.writeByte(0x78); // TC_ENDBLOCKDATA
			out.writeByte(0x70); // TC_NULL: no superclass
		}
		return bytes.toByteArray();
	}

}
