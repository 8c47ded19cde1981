/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.session;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.core.userdetails.User;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AllowListDeserializer}.
 */
class AllowListDeserializerTests {

	private final AllowListDeserializer deserializer = new AllowListDeserializer(getClass().getClassLoader());

	@Test
	void readsValuesAndCollectionsOfTheJdk() throws IOException {
		Map<String, Object> value = Map.of("counter", 3L, "when", Instant.EPOCH, "names", new ArrayList<>(List.of("a")));
		assertThat(roundTrip(value)).isEqualTo(value);
	}

	@Test
	void readsASpringSecurityLogin() throws IOException {
		User user = new User("demo", "", AuthorityUtils.createAuthorityList("ROLE_USER"));
		SecurityContextImpl context = new SecurityContextImpl(
				UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
		Object read = roundTrip(context);
		assertThat(read).isInstanceOf(SecurityContextImpl.class);
		assertThat(((SecurityContextImpl) read).getAuthentication().getName()).isEqualTo("demo");
	}

	@Test
	void dropsAnObjectOfAClassOutsideTheAllowList() throws IOException {
		Gadget.instances.set(0);
		assertThat(roundTrip(new Gadget())).as("a class outside the allow-list").isNull();
		assertThat(Gadget.instances).as("gadgets built while reading").hasValue(0);
	}

	@Test
	void dropsAnAllowedCollectionHoldingADisallowedObject() throws IOException {
		assertThat(roundTrip(new ArrayList<>(List.of("fine", new Gadget())))).isNull();
	}

	@Test
	void dropsGarbage() {
		assertThat(this.deserializer.deserialize(new ByteArrayInputStream(new byte[] { 1, 2, 3, 4, 5 }))).isNull();
		assertThat(this.deserializer.deserialize(new ByteArrayInputStream(new byte[0]))).isNull();
	}

	@Test
	void dropsNestingDeeperThanTheLimit() throws IOException {
		List<Object> deep = new ArrayList<>();
		List<Object> current = deep;
		for (int i = 0; i < 100; i++) {
			List<Object> next = new ArrayList<>();
			current.add(next);
			current = next;
		}
		assertThat(roundTrip(deep)).isNull();
	}

	private Object roundTrip(Object value) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(value);
		}
		return this.deserializer.deserialize(new ByteArrayInputStream(bytes.toByteArray()));
	}

	/**
	 * Stands for a class whose deserialization runs code.
	 */
	static class Gadget implements Serializable {

		static final AtomicInteger instances = new AtomicInteger();

		private void readObject(java.io.ObjectInputStream in) throws IOException, ClassNotFoundException {
			in.defaultReadObject();
			instances.incrementAndGet();
		}

	}

}
