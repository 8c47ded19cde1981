/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session.serialization;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.convert.support.GenericConversionService;
import org.springframework.core.serializer.support.SerializationFailedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.core.userdetails.User;
import org.springframework.session.MapSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SessionValueSerializer}: what a Redis or JDBC session store reads back.
 */
@ExtendWith(OutputCaptureExtension.class)
class SessionValueSerializerTests {

	private final SessionValueSerializer serializer = new SessionValueSerializer(new DeserializationAllowList(),
			getClass().getClassLoader());

	@BeforeEach
	void resetGadget() {
		Gadget.reset();
	}

	@Test
	void readsValuesAndCollectionsOfTheJdk() {
		Map<String, Object> value = Map.of("counter", 3L, "when", Instant.EPOCH, "names", new ArrayList<>(List.of("a")));

		assertThat(roundTrip(value)).isEqualTo(value);
	}

	@Test
	void readsASpringSecurityLogin() {
		User user = new User("demo", "", AuthorityUtils.createAuthorityList("ROLE_USER"));
		SecurityContextImpl context = new SecurityContextImpl(
				UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));

		Object read = roundTrip(context);

		assertThat(read).isInstanceOf(SecurityContextImpl.class);
		assertThat(((SecurityContextImpl) read).getAuthentication().getName()).isEqualTo("demo");
	}

	@Test
	void readsAMapSession() {
		MapSession session = new MapSession("3f9a1c2e-0000-0000-0000-000000000000");
		session.setAttribute("counter", 2L);

		assertThat(((MapSession) roundTrip(session)).<Long>getAttribute("counter")).isEqualTo(2L);
	}

	@Test
	void dropsAnObjectOfAClassOutsideTheAllowListWithoutDeserializingIt(CapturedOutput output) {
		assertThat(roundTrip(new Gadget("boom"))).as("a class outside the allow-list").isNull();
		assertThat(Gadget.wasDeserialized()).as("Gadget.readObject ran").isFalse();
		assertThat(output).contains("WARN")
			.contains("Dropped a session attribute value read back from the session store: class "
					+ Gadget.class.getName() + " is not on the allow-list");
	}

	@Test
	void dropsAnAllowedCollectionHoldingADisallowedObject() {
		assertThat(roundTrip(new ArrayList<>(List.of("fine", new Gadget("boom"))))).isNull();
		assertThat(Gadget.wasDeserialized()).isFalse();
	}

	@Test
	void readsAnApplicationClassOnceItsPackageIsAllowed() {
		SessionValueSerializer allowing = new SessionValueSerializer(
				new DeserializationAllowList().allowing(List.of(), List.of("io.dynamicbean.session.serialization")),
				getClass().getClassLoader());

		Object read = allowing.deserializingConverter().convert(bytesOf(new Gadget("fine")));

		assertThat(read).isInstanceOf(Gadget.class);
	}

	@Test
	void dropsGarbage() {
		assertThat(this.serializer.deserialize(new ByteArrayInputStream(new byte[] { 1, 2, 3, 4, 5 }))).isNull();
		assertThat(this.serializer.deserialize(new ByteArrayInputStream(new byte[0]))).isNull();
	}

	@Test
	void dropsNestingDeeperThanTheLimit() {
		List<Object> deep = new ArrayList<>();
		List<Object> current = deep;
		for (int i = 0; i < DeserializationAllowList.DEFAULT_MAX_DEPTH + 5; i++) {
			List<Object> next = new ArrayList<>();
			current.add(next);
			current = next;
		}

		assertThat(roundTrip(deep)).isNull();
	}

	@Test
	void dropsMoreStringsThanTheReferenceLimit(CapturedOutput output) {
		List<String> strings = new ArrayList<>();
		for (int i = 0; i <= DeserializationAllowList.DEFAULT_MAX_REFERENCES; i++) {
			strings.add("s" + i);
		}

		assertThat(roundTrip(strings)).as("a list of more strings than the reference limit").isNull();
		assertThat(output).contains("the entry holds more than " + DeserializationAllowList.DEFAULT_MAX_REFERENCES);
	}

	@Test
	void readsAsManyStringsAsTheReferenceLimitAllows() {
		List<String> strings = new ArrayList<>();
		for (int i = 0; i < DeserializationAllowList.DEFAULT_MAX_REFERENCES - 2; i++) {
			strings.add("s" + i);
		}

		assertThat(roundTrip(strings)).isEqualTo(strings);
	}

	@Test
	void dropsAValueLargerThanTheLimit() {
		SessionValueSerializer small = new SessionValueSerializer(new DeserializationAllowList().withMaxBytes(64),
				null);

		assertThat(small.deserializingConverter().convert(bytesOf("x".repeat(200)))).isNull();
	}

	@Test
	void convertsBothWaysForJdbc() {
		GenericConversionService conversionService = this.serializer.conversionService();

		byte[] bytes = conversionService.convert(42L, byte[].class);

		assertThat(conversionService.convert(bytes, Object.class)).isEqualTo(42L);
		assertThat(conversionService.convert(bytesOf(new Gadget("boom")), Object.class)).isNull();
	}

	@Test
	void namesTheTypeThatCannotBeSerialized() {
		assertThatExceptionOfType(SerializationFailedException.class)
			.isThrownBy(() -> this.serializer.serializingConverter().convert(new Object()))
			.withMessageContaining("java.lang.Object")
			.withCauseInstanceOf(NotSerializableException.class);
	}

	private Object roundTrip(Object value) {
		return this.serializer.deserializingConverter().convert(this.serializer.serializingConverter().convert(value));
	}

	private static byte[] bytesOf(Object value) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(value);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return bytes.toByteArray();
	}

}
