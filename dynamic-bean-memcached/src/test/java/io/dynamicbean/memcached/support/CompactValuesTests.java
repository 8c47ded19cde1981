/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import java.util.Set;

import io.dynamicbean.session.serialization.DeserializationAllowList;
import io.dynamicbean.session.serialization.UnreadableValue;
import io.dynamicbean.session.serialization.UnreadableValue.Reason;
import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.csrf.DefaultCsrfToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link CompactValues}.
 */
class CompactValuesTests {

	private static final Instant ISSUED = Instant.parse("2026-03-01T10:15:30.123456789Z");

	private final CompactValues compact = new CompactValues(new DeserializationAllowList());

	@Test
	void roundTripsTheSecurityContextOfAFormLoginFieldByField() {
		SecurityContextImpl context = new SecurityContextImpl(formLogin());
		SecurityContextImpl read = (SecurityContextImpl) roundTrip(context);
		assertThat(read).isNotSameAs(context).isEqualTo(context);
		assertSameLogin(read.getAuthentication(), context.getAuthentication());
	}

	@Test
	void roundTripsAnEmptySecurityContext() {
		SecurityContextImpl read = (SecurityContextImpl) roundTrip(new SecurityContextImpl());
		assertThat(read.getAuthentication()).isNull();
	}

	@Test
	void roundTripsAUserWithItsPasswordCredentialsFlagsAndNoDetails() {
		User user = new User("bob", "{noop}secret", false, true, false, true,
				AuthorityUtils.createAuthorityList("ROLE_B", "ROLE_A"));
		UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.authenticated(user, "secret",
				List.of(new SimpleGrantedAuthority("ROLE_A")));
		SecurityContextImpl context = new SecurityContextImpl(token);
		SecurityContextImpl read = (SecurityContextImpl) roundTrip(context);
		assertThat(read).isEqualTo(context);
		assertSameLogin(read.getAuthentication(), token);
	}

	@Test
	void roundTripsWebAuthenticationDetailsWithoutASessionId() {
		UsernamePasswordAuthenticationToken token = formLogin();
		token.setDetails(new WebAuthenticationDetails("::1", null));
		SecurityContextImpl read = (SecurityContextImpl) roundTrip(new SecurityContextImpl(token));
		assertThat(read.getAuthentication().getDetails()).isEqualTo(new WebAuthenticationDetails("::1", null));
	}

	@Test
	void roundTripsACsrfToken() {
		DefaultCsrfToken token = new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "4f1c6d3e-1f7b-4a3e-9d0c-2b8f6a1e7c55");
		DefaultCsrfToken read = (DefaultCsrfToken) roundTrip(token);
		assertThat(read.getHeaderName()).isEqualTo("X-CSRF-TOKEN");
		assertThat(read.getParameterName()).isEqualTo("_csrf");
		assertThat(read.getToken()).isEqualTo(token.getToken());
	}

	@Test
	void roundTripsStringsBeyondAsciiAndTheEmptyString() {
		for (String value : List.of("", "counter", "Grüße, 東京 \uD83D\uDE00", "x".repeat(70_000))) {
			assertThat(roundTrip(value)).as("round trip of a string of %d chars", value.length()).isEqualTo(value);
		}
	}

	@Test
	void leavesToJavaSerializationEveryOtherTypeAndShape() {
		UsernamePasswordAuthenticationToken withCustomDetails = formLogin();
		withCustomDetails.setDetails(List.of("not web details"));
		UsernamePasswordAuthenticationToken withCustomAuthority = UsernamePasswordAuthenticationToken
			.authenticated(user(), null, List.of(() -> "ROLE_LAMBDA"));
		List<Object> others = List.of(42L, 7, List.of("a"), Instant.now(), new User("u", "p", List.of()),
				new SecurityContextImpl(UsernamePasswordAuthenticationToken.unauthenticated("user1", "password")),
				new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated("user1", null, List.of())),
				new SecurityContextImpl(new AnonymousAuthenticationToken("key", "anonymous",
						AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"))),
				new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated(new CustomUser(), null,
						List.of())),
				new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated(user(), 1234, List.of())),
				new SecurityContextImpl(withCustomDetails), new SecurityContextImpl(withCustomAuthority),
				new CustomContext(), "lone \uD800 surrogate");
		for (Object value : others) {
			assertThat(this.compact.write(value)).as("compact bytes of %s", value).isNull();
		}
		assertThat(this.compact.write(null)).isNull();
	}

	@Test
	void marksEveryCompactValueWithAByteNoJavaSerializationStartsWith() {
		byte[] bytes = this.compact.write(new SecurityContextImpl(formLogin()));
		assertThat(bytes).isNotNull();
		assertThat(CompactValues.isCompact(bytes)).isTrue();
		assertThat(bytes[0] & 0xFF).isEqualTo(0xDB).isNotEqualTo(0xAC);
		assertThat(bytes[1]).isEqualTo((byte) CompactValues.TAG_SECURITY_CONTEXT);
		assertThat(CompactValues.isCompact(BoxedNumbers.serialize(42L))).isFalse();
		assertThat(CompactValues.isCompact(new byte[0])).isFalse();
	}

	@Test
	void readsATagOfALaterReleaseAsOneCorruptValue() {
		UnreadableValue unreadable = unreadable(new byte[] { (byte) 0xDB, 99, 1, 2, 3 });
		assertThat(unreadable.reason()).isEqualTo(Reason.CORRUPT);
		assertThat(unreadable.detail()).contains("tag 99").contains("later release");
	}

	@Test
	void readsEveryTruncationOfACompactLoginAsOneCorruptValue() {
		byte[] bytes = compactBytes(new SecurityContextImpl(formLogin()));
		for (int length = 1; length < bytes.length; length++) {
			UnreadableValue unreadable = unreadable(Arrays.copyOf(bytes, length));
			assertThat(unreadable.reason()).as("the first %d of %d bytes", length, bytes.length)
				.isEqualTo(Reason.CORRUPT);
		}
	}

	@Test
	void readsACompactLoginWithATrailingByteAsOneCorruptValue() {
		byte[] bytes = compactBytes(new SecurityContextImpl(formLogin()));
		assertThat(unreadable(Arrays.copyOf(bytes, bytes.length + 1)).detail()).contains("trailing");
	}

	@Test
	void readsBytesThatBreakAConstructorsRulesAsOneCorruptValue() {
		byte[] emptyUsername = { (byte) 0xDB, 3, 1, 0, 0, 0x0F, 0, 0, 0, 0 };
		UnreadableValue unreadable = unreadable(emptyUsername);
		assertThat(unreadable.reason()).isEqualTo(Reason.CORRUPT);
	}

	@Test
	void neverThrowsAndBuildsOnlyItsOwnTypesFromGarbage() {
		Random random = new Random(20260301L);
		byte[] login = compactBytes(new SecurityContextImpl(formLogin()));
		Set<Class<?>> built = Set.of(String.class, DefaultCsrfToken.class, SecurityContextImpl.class);
		for (int i = 0; i < 20_000; i++) {
			byte[] bytes = (i % 2 == 0) ? mutated(login, random) : garbage(random);
			Object read = this.compact.read(bytes);
			if (!(read instanceof UnreadableValue)) {
				assertThat(built).as("the class read from %s", Arrays.toString(bytes)).contains(read.getClass());
			}
		}
	}

	@Test
	void refusesATypeOffTheAllowListBeforeBuildingIt() {
		byte[] bytes = compactBytes(new SecurityContextImpl(formLogin()));
		CompactValues withoutFactors = new CompactValues(
				(name) -> !name.equals(FactorGrantedAuthority.class.getName()), 10_000);
		UnreadableValue unreadable = (UnreadableValue) withoutFactors.read(bytes);
		assertThat(unreadable.reason()).isEqualTo(Reason.REFUSED);
		assertThat(unreadable.className()).isEqualTo(FactorGrantedAuthority.class.getName());
	}

	@Test
	void buildsNothingWhenTheAllowListRefusesEveryType() {
		CompactValues nothingAllowed = new CompactValues((name) -> false, 10_000);
		for (Object value : List.of("text", new DefaultCsrfToken("h", "p", "t"), new SecurityContextImpl(formLogin()))) {
			Object read = nothingAllowed.read(compactBytes(value));
			assertThat(read).isInstanceOf(UnreadableValue.class);
			assertThat(((UnreadableValue) read).reason()).isEqualTo(Reason.REFUSED);
			assertThat(nothingAllowed.write(value)).as("compact bytes of %s", value).isNull();
		}
	}

	@Test
	void refusesALoginHoldingMoreObjectsThanTheLimitAndNeverWritesOne() {
		List<GrantedAuthority> authorities = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			authorities.add(new SimpleGrantedAuthority("ROLE_" + i));
		}
		SecurityContextImpl context = new SecurityContextImpl(
				UsernamePasswordAuthenticationToken.authenticated(user(), null, authorities));
		CompactValues limited = new CompactValues(new DeserializationAllowList(List.of(), List.of(),
				DeserializationAllowList.DEFAULT_MAX_BYTES, DeserializationAllowList.DEFAULT_MAX_DEPTH, 50));
		assertThat(limited.write(context)).isNull();
		UnreadableValue unreadable = (UnreadableValue) limited.read(compactBytes(context));
		assertThat(unreadable.reason()).isEqualTo(Reason.REFUSED);
		assertThat(unreadable.detail()).contains("more than 50 object references");
	}

	@Test
	void refusesToReadBytesThatAreNotCompact() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.compact.read(BoxedNumbers.serialize(1L)))
			.withMessageContaining("check isCompact(bytes) first");
	}

	private Object roundTrip(Object value) {
		Object read = this.compact.read(compactBytes(value));
		assertThat(read).as("read back").isNotInstanceOf(UnreadableValue.class);
		return read;
	}

	private byte[] compactBytes(Object value) {
		byte[] bytes = this.compact.write(value);
		assertThat(bytes).as("compact bytes of %s", value).isNotNull();
		return bytes;
	}

	private UnreadableValue unreadable(byte[] bytes) {
		Object read = this.compact.read(bytes);
		assertThat(read).as("read of %s", Arrays.toString(bytes)).isInstanceOf(UnreadableValue.class);
		return (UnreadableValue) read;
	}

	private static byte[] mutated(byte[] bytes, Random random) {
		byte[] copy = Arrays.copyOf(bytes, random.nextInt(3, bytes.length + 3));
		for (int flips = random.nextInt(1, 4); flips > 0; flips--) {
			int at = random.nextInt(2, copy.length);
			copy[at] = (byte) random.nextInt(256);
		}
		return copy;
	}

	private static byte[] garbage(Random random) {
		byte[] bytes = new byte[random.nextInt(2, 64)];
		random.nextBytes(bytes);
		bytes[0] = (byte) 0xDB;
		bytes[1] = (byte) random.nextInt(1, 4);
		return bytes;
	}

	static UsernamePasswordAuthenticationToken formLogin() {
		UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.authenticated(user(), null,
				List.of(FactorGrantedAuthority.withAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY)
					.issuedAt(ISSUED)
					.build(), new SimpleGrantedAuthority("ROLE_USER")));
		token.setDetails(new WebAuthenticationDetails("127.0.0.1", "2b9c6c1e-8a0e-4f51-9f0c-0f3e7b2d6a11"));
		return token;
	}

	private static User user() {
		User user = new User("user1", "{noop}password", AuthorityUtils.createAuthorityList("ROLE_USER"));
		user.eraseCredentials();
		return user;
	}

	private static void assertSameLogin(Authentication read, Authentication written) {
		assertThat(read).isInstanceOf(UsernamePasswordAuthenticationToken.class).isEqualTo(written);
		assertThat(read.isAuthenticated()).isTrue();
		assertThat(read.getCredentials()).isEqualTo(written.getCredentials());
		assertThat(read.getDetails()).isEqualTo(written.getDetails());
		assertAuthorities(read.getAuthorities(), written.getAuthorities());
		User readUser = (User) read.getPrincipal();
		User writtenUser = (User) written.getPrincipal();
		assertThat(readUser.getUsername()).isEqualTo(writtenUser.getUsername());
		assertThat(readUser.getPassword()).isEqualTo(writtenUser.getPassword());
		assertThat(readUser.isEnabled()).isEqualTo(writtenUser.isEnabled());
		assertThat(readUser.isAccountNonExpired()).isEqualTo(writtenUser.isAccountNonExpired());
		assertThat(readUser.isCredentialsNonExpired()).isEqualTo(writtenUser.isCredentialsNonExpired());
		assertThat(readUser.isAccountNonLocked()).isEqualTo(writtenUser.isAccountNonLocked());
		assertAuthorities(readUser.getAuthorities(), writtenUser.getAuthorities());
	}

	private static void assertAuthorities(Collection<? extends GrantedAuthority> read,
			Collection<? extends GrantedAuthority> written) {
		List<GrantedAuthority> writtenList = new ArrayList<>(written);
		assertThat(new ArrayList<GrantedAuthority>(read)).containsExactlyElementsOf(writtenList);
		int i = 0;
		for (GrantedAuthority authority : read) {
			assertThat(authority.getClass()).isEqualTo(writtenList.get(i).getClass());
			if (authority instanceof FactorGrantedAuthority factor) {
				assertThat(factor.getIssuedAt()).isEqualTo(((FactorGrantedAuthority) writtenList.get(i)).getIssuedAt());
			}
			i++;
		}
	}

	/**
	 * A principal of the application's own, subclassing {@link User}.
	 */
	static class CustomUser extends User {

		CustomUser() {
			super("custom", "", List.of());
		}

	}

	/**
	 * A security context of the application's own.
	 */
	static class CustomContext extends SecurityContextImpl {

	}

}
