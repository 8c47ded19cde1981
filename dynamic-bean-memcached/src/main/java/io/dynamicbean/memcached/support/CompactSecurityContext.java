/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The compact layout of the security context of a form login, tag
 * {@link CompactValues#TAG_SECURITY_CONTEXT}: a {@link SecurityContextImpl}, empty or holding an
 * authenticated {@link UsernamePasswordAuthenticationToken} whose principal is a {@link User},
 * whose credentials are {@code null} or a string, whose details are {@code null} or
 * {@link WebAuthenticationDetails}, and whose authorities (and the user's) are
 * {@link SimpleGrantedAuthority} and {@link FactorGrantedAuthority}. Any other shape, a subclass
 * included, is not written here (it stays in Java serialization).
 *
 * <pre>
 * context     := 0 (no authentication) | 1 user nullable-string(credentials) authorities details
 * user        := string(username) nullable-string(password) flags authorities
 * flags       := bit 0 enabled, 1 account non-expired, 2 credentials non-expired, 3 account non-locked
 * authorities := count authority*
 * authority   := 1 string(role) | 2 string(authority) instant(issued at)
 * details     := 0 (none) | 1 nullable-string(remote address) nullable-string(session id)
 * </pre>
 *
 * Reading builds every object through its public constructor or factory, after checking its class
 * with the given {@link CompactValues.TypeCheck}.
 */
final class CompactSecurityContext {

	private static final int NO_AUTHENTICATION = 0;

	private static final int TOKEN = 1;

	private static final int SIMPLE_AUTHORITY = 1;

	private static final int FACTOR_AUTHORITY = 2;

	private static final int NO_DETAILS = 0;

	private static final int WEB_DETAILS = 1;

	private CompactSecurityContext() {
	}

	/**
	 * Write a context in this layout.
	 * @return {@code false}, with part of it written, when the context does not have this shape
	 */
	static boolean write(CompactOutput out, SecurityContextImpl context, CompactValues.TypeCheck types) {
		Authentication authentication = context.getAuthentication();
		out.countObject();
		if (authentication == null) {
			out.writeByte(NO_AUTHENTICATION);
			return true;
		}
		if (authentication.getClass() != UsernamePasswordAuthenticationToken.class
				|| !authentication.isAuthenticated() || !types.allows(UsernamePasswordAuthenticationToken.class)
				|| !(authentication.getPrincipal() instanceof User user) || user.getClass() != User.class
				|| !types.allows(User.class)) {
			return false;
		}
		out.writeByte(TOKEN);
		out.countObject();
		return writeUser(out, user, types) && writeCredentials(out, authentication.getCredentials())
				&& writeAuthorities(out, authentication.getAuthorities(), types)
				&& writeDetails(out, authentication.getDetails(), types);
	}

	private static boolean writeUser(CompactOutput out, User user, CompactValues.TypeCheck types) {
		if (!isWellFormed(user.getUsername()) || !isWellFormed(user.getPassword())) {
			return false;
		}
		out.countObject();
		out.writeString(user.getUsername());
		out.writeNullableString(user.getPassword());
		out.writeByte((user.isEnabled() ? 1 : 0) | (user.isAccountNonExpired() ? 2 : 0)
				| (user.isCredentialsNonExpired() ? 4 : 0) | (user.isAccountNonLocked() ? 8 : 0));
		return writeAuthorities(out, user.getAuthorities(), types);
	}

	private static boolean writeCredentials(CompactOutput out, @Nullable Object credentials) {
		if (credentials != null && !(credentials instanceof String)) {
			return false;
		}
		String password = (String) credentials;
		if (!isWellFormed(password)) {
			return false;
		}
		out.writeNullableString(password);
		return true;
	}

	private static boolean writeAuthorities(CompactOutput out, Collection<? extends GrantedAuthority> authorities,
			CompactValues.TypeCheck types) {
		out.writeVarInt(authorities.size());
		for (GrantedAuthority authority : authorities) {
			if (authority instanceof SimpleGrantedAuthority simple && types.allows(SimpleGrantedAuthority.class)
					&& isWellFormed(simple.getAuthority())) {
				out.writeByte(SIMPLE_AUTHORITY);
				out.countObject();
				out.writeString(simple.getAuthority());
			}
			else if (authority instanceof FactorGrantedAuthority factor && types.allows(FactorGrantedAuthority.class)
					&& types.allows(Instant.class) && isWellFormed(factor.getAuthority())) {
				out.writeByte(FACTOR_AUTHORITY);
				out.countObject();
				out.writeString(factor.getAuthority());
				out.writeInstant(factor.getIssuedAt());
			}
			else {
				return false;
			}
		}
		return true;
	}

	private static boolean writeDetails(CompactOutput out, @Nullable Object details, CompactValues.TypeCheck types) {
		if (details == null) {
			out.writeByte(NO_DETAILS);
			return true;
		}
		if (details.getClass() != WebAuthenticationDetails.class || !types.allows(WebAuthenticationDetails.class)) {
			return false;
		}
		WebAuthenticationDetails web = (WebAuthenticationDetails) details;
		if (!isWellFormed(web.getRemoteAddress()) || !isWellFormed(web.getSessionId())) {
			return false;
		}
		out.writeByte(WEB_DETAILS);
		out.countObject();
		out.writeNullableString(web.getRemoteAddress());
		out.writeNullableString(web.getSessionId());
		return true;
	}

	private static boolean isWellFormed(@Nullable String value) {
		return value == null || CompactOutput.isWellFormed(value);
	}

	/**
	 * Read a context written in this layout.
	 */
	static SecurityContextImpl read(CompactInput in, CompactValues.TypeCheck types) {
		types.require(SecurityContextImpl.class);
		in.countObject();
		int kind = in.readByte();
		if (kind == NO_AUTHENTICATION) {
			return new SecurityContextImpl();
		}
		if (kind != TOKEN) {
			throw new CompactInput.MalformedCompactValueException("unknown authentication kind " + kind);
		}
		types.require(UsernamePasswordAuthenticationToken.class);
		in.countObject();
		User user = readUser(in, types);
		String credentials = in.readNullableString();
		List<GrantedAuthority> authorities = readAuthorities(in, types);
		UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.authenticated(user,
				credentials, authorities);
		token.setDetails(readDetails(in, types));
		return new SecurityContextImpl(token);
	}

	private static User readUser(CompactInput in, CompactValues.TypeCheck types) {
		types.require(User.class);
		in.countObject();
		String username = in.readString();
		String password = in.readNullableString();
		int flags = in.readByte();
		if ((flags & ~0x0F) != 0) {
			throw new CompactInput.MalformedCompactValueException("unknown user flags " + flags);
		}
		List<GrantedAuthority> authorities = readAuthorities(in, types);
		User user = new User(username, (password != null) ? password : "", (flags & 1) != 0, (flags & 2) != 0,
				(flags & 4) != 0, (flags & 8) != 0, authorities);
		if (password == null) {
			user.eraseCredentials();
		}
		return user;
	}

	private static List<GrantedAuthority> readAuthorities(CompactInput in, CompactValues.TypeCheck types) {
		int count = in.readCount(2);
		List<GrantedAuthority> authorities = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			int kind = in.readByte();
			if (kind == SIMPLE_AUTHORITY) {
				types.require(SimpleGrantedAuthority.class);
				in.countObject();
				authorities.add(new SimpleGrantedAuthority(in.readString()));
			}
			else if (kind == FACTOR_AUTHORITY) {
				types.require(FactorGrantedAuthority.class);
				in.countObject();
				String authority = in.readString();
				types.require(Instant.class);
				authorities.add(FactorGrantedAuthority.withAuthority(authority).issuedAt(in.readInstant()).build());
			}
			else {
				throw new CompactInput.MalformedCompactValueException("unknown authority kind " + kind);
			}
		}
		return authorities;
	}

	private static @Nullable Object readDetails(CompactInput in, CompactValues.TypeCheck types) {
		int kind = in.readByte();
		if (kind == NO_DETAILS) {
			return null;
		}
		if (kind != WEB_DETAILS) {
			throw new CompactInput.MalformedCompactValueException("unknown details kind " + kind);
		}
		types.require(WebAuthenticationDetails.class);
		in.countObject();
		return new WebAuthenticationDetails(in.readNullableString(), in.readNullableString());
	}

}
