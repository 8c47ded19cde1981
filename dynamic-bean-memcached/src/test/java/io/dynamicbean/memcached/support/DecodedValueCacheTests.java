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
		this.cache.remember("s1", "counter", new byte[] { 1, 2, 3 }, counter);
		this.cache.remember("s1", "name", new byte[] { 4 }, "text");
		DefaultCsrfToken token = new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "token");
		this.cache.remember("s1", "csrf", new byte[] { 5 }, token);
		assertThat(this.cache.get("s1", "counter", new byte[] { 1, 2, 3 })).isSameAs(counter);
		assertThat(this.cache.get("s1", "name", new byte[] { 4 })).isEqualTo("text");
		assertThat(this.cache.get("s1", "csrf", new byte[] { 5 })).isSameAs(token);
		assertThat(this.cache.get("s1", "counter", new byte[] { 1, 2 })).isNull();
	}

	@Test
	void neverSharesAValueBetweenSessionsOrAttributes() {
		this.cache.remember("s1", "name", new byte[] { 4 }, "text");
		assertThat(this.cache.get("s2", "name", new byte[] { 4 })).isNull();
		assertThat(this.cache.get("s1", "other", new byte[] { 4 })).isNull();
	}

	@Test
	void keepsOneValuePerAttributeTheLastRead() {
		this.cache.remember("s1", "name", new byte[] { 1 }, "first");
		this.cache.remember("s1", "name", new byte[] { 2 }, "second");
		assertThat(this.cache.get("s1", "name", new byte[] { 1 })).isNull();
		assertThat(this.cache.get("s1", "name", new byte[] { 2 })).isEqualTo("second");
		assertThat(this.cache.size()).isOne();
		assertThat(this.cache.usedBytes()).isEqualTo(2 + 100);
		this.cache.remember("s1", "name", new byte[] { 3 }, new ArrayList<>(List.of("now a list")));
		assertThat(this.cache.get("s1", "name", new byte[] { 2 })).isNull();
		assertThat(this.cache.size()).isZero();
		assertThat(this.cache.usedBytes()).isZero();
	}

	@Test
	void neverRemembersMutableValues() {
		this.cache.remember("s1", "cart", new byte[] { 1 }, new ArrayList<>(List.of("a")));
		this.cache.remember("s1", "copy", new byte[] { 2 }, new MapSession());
		assertThat(this.cache.get("s1", "cart", new byte[] { 1 })).isNull();
		assertThat(this.cache.get("s1", "copy", new byte[] { 2 })).isNull();
		assertThat(this.cache.size()).isZero();
	}

	@Test
	void handsOutANewSecurityContextPerReadThatALogoutClearsAlone() {
		UsernamePasswordAuthenticationToken login = login();
		SecurityContextImpl decoded = new SecurityContextImpl(login);
		this.cache.remember("s1", "SPRING_SECURITY_CONTEXT", new byte[] { 7 }, decoded);
		decoded.setAuthentication(null);
		SecurityContext first = (SecurityContext) this.cache.get("s1", "SPRING_SECURITY_CONTEXT", new byte[] { 7 });
		SecurityContext second = (SecurityContext) this.cache.get("s1", "SPRING_SECURITY_CONTEXT", new byte[] { 7 });
		assertThat(first).isNotSameAs(second);
		assertThat(first.getAuthentication()).isSameAs(login);
		first.setAuthentication(null);
		assertThat(second.getAuthentication()).isSameAs(login);
		SecurityContext third = (SecurityContext) this.cache.get("s1", "SPRING_SECURITY_CONTEXT", new byte[] { 7 });
		assertThat(third.getAuthentication()).isSameAs(login);
	}

	@Test
	void staysWithinItsBudgetCountingTwiceTheBytesOfEachValue() {
		DecodedValueCache small = new DecodedValueCache(DataSize.ofKilobytes(64));
		for (int i = 0; i < 1000; i++) {
			byte[] bytes = Arrays.copyOf(Integer.toString(i).getBytes(), 400);
			small.remember("session" + i, "name", bytes, "value " + i);
			assertThat(small.usedBytes()).isLessThanOrEqualTo(64 * 1024)
				.isEqualTo(small.size() * (2L * 400 + 100));
		}
		assertThat(small.get("session999", "name", Arrays.copyOf("999".getBytes(), 400))).isEqualTo("value 999");
		assertThat(small.size()).isGreaterThan(64 * 1024 * 7 / 8 / 900 - 1);
	}

	@Test
	void neverKeepsAValueCountedAsMoreThanASixteenthOfItsBudget() {
		DecodedValueCache small = new DecodedValueCache(DataSize.ofKilobytes(64));
		small.remember("s1", "large", new byte[5000], "x".repeat(5000));
		assertThat(small.get("s1", "large", new byte[5000])).isNull();
		small.remember("s1", "small", new byte[1000], "y".repeat(1000));
		assertThat(small.get("s1", "small", new byte[1000])).isNotNull();
	}

	@Test
	void remembersNothingWithSizeZero() {
		DecodedValueCache off = new DecodedValueCache(DataSize.ofBytes(0));
		off.remember("s1", "counter", new byte[] { 1 }, 1L);
		assertThat(off.get("s1", "counter", new byte[] { 1 })).isNull();
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
