/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.support;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.dynamicbean.session.serialization.DeserializationAllowList;
import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.session.MapSession;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DecodedValueCache}, alone and in a {@link SessionCodec}.
 */
class DecodedValueCacheTests {

	private final DecodedValueCache cache = new DecodedValueCache(DataSize.ofMegabytes(1));

	@Test
	void handsOutImmutableValuesAsTheyAreForBytesEqualInContent() {
		Long counter = 42L;
		this.cache.remember(new byte[] { 1, 2, 3 }, counter);
		this.cache.remember(new byte[] { 4 }, "text");
		DefaultCsrfToken token = new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "token");
		this.cache.remember(new byte[] { 5 }, token);
		assertThat(this.cache.get(new byte[] { 1, 2, 3 })).isSameAs(counter);
		assertThat(this.cache.get(new byte[] { 4 })).isEqualTo("text");
		assertThat(this.cache.get(new byte[] { 5 })).isSameAs(token);
		assertThat(this.cache.get(new byte[] { 1, 2 })).isNull();
	}

	@Test
	void neverRemembersMutableValues() {
		this.cache.remember(new byte[] { 1 }, new ArrayList<>(List.of("a")));
		this.cache.remember(new byte[] { 2 }, new MapSession());
		assertThat(this.cache.get(new byte[] { 1 })).isNull();
		assertThat(this.cache.get(new byte[] { 2 })).isNull();
		assertThat(this.cache.size()).isZero();
	}

	@Test
	void handsOutANewSecurityContextPerReadThatALogoutClearsAlone() {
		UsernamePasswordAuthenticationToken login = login();
		SecurityContextImpl decoded = new SecurityContextImpl(login);
		this.cache.remember(new byte[] { 7 }, decoded);
		decoded.setAuthentication(null);
		SecurityContext first = (SecurityContext) this.cache.get(new byte[] { 7 });
		SecurityContext second = (SecurityContext) this.cache.get(new byte[] { 7 });
		assertThat(first).isNotSameAs(second);
		assertThat(first.getAuthentication()).isSameAs(login);
		first.setAuthentication(null);
		assertThat(second.getAuthentication()).isSameAs(login);
		SecurityContext third = (SecurityContext) this.cache.get(new byte[] { 7 });
		assertThat(third.getAuthentication()).isSameAs(login);
	}

	@Test
	void staysWithinItsBudgetCountingTwiceTheBytesOfEachValue() {
		DecodedValueCache small = new DecodedValueCache(DataSize.ofKilobytes(64));
		for (int i = 0; i < 1000; i++) {
			byte[] bytes = Arrays.copyOf(Integer.toString(i).getBytes(), 400);
			small.remember(bytes, "value " + i);
			assertThat(small.usedBytes()).isLessThanOrEqualTo(64 * 1024)
				.isEqualTo(small.size() * (2L * 400 + 100));
		}
		assertThat(small.get(Arrays.copyOf("999".getBytes(), 400))).isEqualTo("value 999");
		assertThat(small.size()).isGreaterThan(64 * 1024 * 7 / 8 / 900 - 1);
	}

	@Test
	void neverKeepsAValueCountedAsMoreThanASixteenthOfItsBudget() {
		DecodedValueCache small = new DecodedValueCache(DataSize.ofKilobytes(64));
		String large = "x".repeat(5000);
		small.remember(new byte[5000], large);
		assertThat(small.get(new byte[5000])).isNull();
		small.remember(new byte[1000], "y".repeat(1000));
		assertThat(small.get(new byte[1000])).isNotNull();
	}

	@Test
	void remembersNothingWithSizeZero() {
		DecodedValueCache off = new DecodedValueCache(DataSize.ofBytes(0));
		off.remember(new byte[] { 1 }, 1L);
		assertThat(off.get(new byte[] { 1 })).isNull();
		assertThat(off.size()).isZero();
	}

	@Test
	void codecSharesImmutableValuesAndGivesEachReadItsOwnSecurityContext() throws Exception {
		SessionCodec codec = new SessionCodec(new DeserializationAllowList(), getClass().getClassLoader(),
				this.cache);
		MapSession session = new MapSession(UUID.randomUUID().toString());
		session.setCreationTime(Instant.parse("2026-01-01T10:00:00Z"));
		session.setLastAccessedTime(Instant.parse("2026-01-01T10:05:00Z"));
		session.setMaxInactiveInterval(Duration.ofMinutes(30));
		session.setAttribute("name", "Alice Example");
		session.setAttribute("SPRING_SECURITY_CONTEXT", new SecurityContextImpl(login()));
		session.setAttribute("cart", new ArrayList<>(List.of("book")));
		byte[] data = codec.encode(session, 1 << 20, "key");

		SessionEntry first = codec.decode(data, session.getId());
		SessionEntry second = codec.decode(data.clone(), session.getId());

		assertThat(second.getValues().get("name")).isEqualTo("Alice Example").isSameAs(first.getValues().get("name"));
		SecurityContext firstContext = (SecurityContext) first.getValues().get("SPRING_SECURITY_CONTEXT");
		SecurityContext secondContext = (SecurityContext) second.getValues().get("SPRING_SECURITY_CONTEXT");
		assertThat(secondContext).isNotSameAs(firstContext);
		assertThat(secondContext.getAuthentication()).isSameAs(firstContext.getAuthentication());
		firstContext.setAuthentication(null);
		SessionEntry third = codec.decode(data, session.getId());
		assertThat(((SecurityContext) third.getValues().get("SPRING_SECURITY_CONTEXT")).getAuthentication().getName())
			.isEqualTo("alice");
		assertThat(second.getValues().get("cart")).isEqualTo(List.of("book"))
			.isNotSameAs(first.getValues().get("cart"));
	}

	private static UsernamePasswordAuthenticationToken login() {
		User user = new User("alice", "{noop}secret", AuthorityUtils.createAuthorityList("ROLE_USER"));
		return UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
	}

}
