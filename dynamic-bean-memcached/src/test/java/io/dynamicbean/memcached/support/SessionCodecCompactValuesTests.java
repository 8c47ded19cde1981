/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.support;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.dynamicbean.memcached.SessionTooLargeException;
import io.dynamicbean.session.serialization.DeserializationAllowList;
import io.dynamicbean.session.serialization.UnreadableValue.Reason;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.session.MapSession;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the compact values of {@link SessionCodec}: which values it writes compactly, that it
 * reads them whatever it writes, and what a release without the compact encoding makes of them.
 */
class SessionCodecCompactValuesTests {

	private static final long MAX_BYTES = 1024 * 1024;

	private static final String LOGIN = "SPRING_SECURITY_CONTEXT";

	private static final String CSRF = "org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository.CSRF_TOKEN";

	private final DeserializationAllowList allowList = new DeserializationAllowList(List.of(), List.of(), MAX_BYTES);

	private final SessionCodec compact = new SessionCodec(this.allowList, null, new DecodedValueCache(DataSize.ofBytes(0)),
			true);

	private final SessionCodec javaByDefault = new SessionCodec(this.allowList, null);

	private final SessionCodec earlierRelease = SessionCodec.javaSerializationOnly(this.allowList, null);

	private final MapSession session = new MapSession(UUID.randomUUID().toString());

	SessionCodecCompactValuesTests() {
		this.session.setAttribute(LOGIN, new SecurityContextImpl(CompactValuesTests.formLogin()));
		this.session.setAttribute(CSRF, new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", UUID.randomUUID().toString()));
		this.session.setAttribute("name", "Zoë");
		this.session.setAttribute("counter", 41L);
		this.session.setAttribute("cart", new ArrayList<>(List.of("book")));
	}

	@Test
	void writesTheLoginTheCsrfTokenAndStringsCompactlyWhenAsked() throws Exception {
		SessionEntry entry = this.compact.decode(this.compact.encode(this.session, MAX_BYTES, "key"),
				this.session.getId());
		assertThat(CompactValues.isCompact(entry.getRawAttributes().get(LOGIN))).as("login compact").isTrue();
		assertThat(CompactValues.isCompact(entry.getRawAttributes().get(CSRF))).as("CSRF token compact").isTrue();
		assertThat(CompactValues.isCompact(entry.getRawAttributes().get("name"))).as("string compact").isTrue();
		assertThat(isJavaSerialization(entry.getRawAttributes().get("counter"))).as("Long as Java").isTrue();
		assertThat(isJavaSerialization(entry.getRawAttributes().get("cart"))).as("list as Java").isTrue();
		assertThat(entry.getUnreadableValues()).isEmpty();
		assertThat(entry.getValues()).containsOnlyKeys(LOGIN, CSRF, "name", "counter", "cart");
		assertThat(entry.getValues().get(LOGIN)).isEqualTo(this.session.getAttribute(LOGIN));
		assertThat(entry.getValues().get("name")).isEqualTo("Zoë");
		assertThat(entry.getValues().get("counter")).isEqualTo(41L);
		assertThat(((DefaultCsrfToken) entry.getValues().get(CSRF)).getToken())
			.isEqualTo(((DefaultCsrfToken) this.session.getAttribute(CSRF)).getToken());
	}

	@Test
	void writesJavaSerializationUnlessAsked() {
		for (String name : this.session.getAttributeNames()) {
			assertThat(isJavaSerialization(this.javaByDefault.serialize(name, this.session.getAttribute(name), MAX_BYTES,
					"key")))
				.as("bytes of %s", name)
				.isTrue();
		}
	}

	@Test
	void readsCompactValuesWhicheverEncodingItWrites() throws Exception {
		SessionEntry entry = this.javaByDefault.decode(this.compact.encode(this.session, MAX_BYTES, "key"),
				this.session.getId());
		assertThat(entry.getUnreadableValues()).isEmpty();
		assertThat(entry.getValues().get(LOGIN)).isEqualTo(this.session.getAttribute(LOGIN));
	}

	@Test
	void anEarlierReleaseLeavesOutACompactValueKeepsItsBytesAndServesTheRest() throws Exception {
		byte[] written = this.compact.encode(this.session, MAX_BYTES, "key");
		SessionEntry read = this.earlierRelease.decode(written, this.session.getId());
		assertThat(read.getUnreadableValues()).containsOnlyKeys(LOGIN, CSRF, "name");
		assertThat(read.getUnreadableValues().values()).allSatisfy((unreadable) -> assertThat(unreadable.reason())
			.isEqualTo(Reason.CORRUPT));
		assertThat(read.getValues()).containsOnlyKeys("counter", "cart");
		assertThat(read.getRawAttributes()).containsOnlyKeys(LOGIN, CSRF, "name", "counter", "cart");

		Map<String, byte @Nullable []> saved = new LinkedHashMap<>(read.getRawAttributes());
		saved.put("counter", this.earlierRelease.serialize("counter", 42L, MAX_BYTES, "key"));
		byte[] rewritten = this.earlierRelease.encode(new SessionEntry(SessionEntry.Kind.SESSION, read.getId(),
				read.getCreationTime(), Instant.now(), read.getMaxInactiveInterval(), saved, Map.of()), MAX_BYTES,
				"key");
		SessionEntry readBack = this.compact.decode(rewritten, this.session.getId());
		assertThat(readBack.getUnreadableValues()).isEmpty();
		assertThat(readBack.getValues().get(LOGIN)).as("the login, carried through the earlier release's save")
			.isEqualTo(this.session.getAttribute(LOGIN));
		assertThat(readBack.getValues().get("counter")).isEqualTo(42L);
	}

	@Test
	void aForgedCompactValueIsOneUnreadableValueKeptInTheEntry() throws Exception {
		Map<String, byte @Nullable []> attributes = new LinkedHashMap<>();
		attributes.put(LOGIN, new byte[] { (byte) 0xDB, 3, 1, 5, 'a', 'd', 'm', 'i' });
		attributes.put("counter", this.compact.serialize("counter", 7L, MAX_BYTES, "key"));
		byte[] data = this.compact.encode(new SessionEntry(SessionEntry.Kind.SESSION, this.session.getId(),
				Instant.now(), Instant.now(), Duration.ofMinutes(30), attributes, Map.of()), MAX_BYTES, "key");
		SessionEntry entry = this.compact.decode(data, this.session.getId());
		assertThat(entry.getValues()).containsOnlyKeys("counter");
		assertThat(entry.getUnreadableValues().get(LOGIN).reason()).isEqualTo(Reason.CORRUPT);
		assertThat(entry.getRawAttributes().get(LOGIN)).isEqualTo(attributes.get(LOGIN));
	}

	@Test
	void sharesTheAuthenticationOfACompactLoginThroughTheDecodedValueCache() throws Exception {
		SessionCodec caching = new SessionCodec(this.allowList, null, new DecodedValueCache(DataSize.ofMegabytes(1)),
				true);
		byte[] data = caching.encode(this.session, MAX_BYTES, "key");
		SecurityContextImpl first = (SecurityContextImpl) caching.decode(data, this.session.getId())
			.getValues()
			.get(LOGIN);
		SecurityContextImpl second = (SecurityContextImpl) caching.decode(data, this.session.getId())
			.getValues()
			.get(LOGIN);
		assertThat(second).isNotSameAs(first);
		assertThat(second.getAuthentication()).isSameAs(first.getAuthentication());
	}

	@Test
	void refusesToWriteALoginHoldingMoreObjectsThanAReadMay() {
		List<GrantedAuthority> authorities = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			authorities.add(new SimpleGrantedAuthority("ROLE_" + i));
		}
		DeserializationAllowList limited = new DeserializationAllowList(List.of(), List.of(), MAX_BYTES,
				DeserializationAllowList.DEFAULT_MAX_DEPTH, 50);
		SessionCodec codec = new SessionCodec(limited, null, new DecodedValueCache(DataSize.ofBytes(0)), true);
		SecurityContextImpl login = new SecurityContextImpl(UsernamePasswordAuthenticationToken
			.authenticated(new User("user1", "", List.of()), null, authorities));
		assertThatExceptionOfType(SessionTooLargeException.class)
			.isThrownBy(() -> codec.serialize(LOGIN, login, MAX_BYTES, "key"));
	}

	@Test
	void refusesToWriteACompactValueOverTheSizeLimit() {
		assertThatExceptionOfType(SessionTooLargeException.class)
			.isThrownBy(() -> this.compact.serialize("name", "x".repeat(100), 50, "key"));
	}

	private static boolean isJavaSerialization(byte @Nullable [] bytes) {
		return bytes != null && bytes.length > 2 && (bytes[0] & 0xFF) == 0xAC && (bytes[1] & 0xFF) == 0xED;
	}

}
