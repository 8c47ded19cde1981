/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.support;

import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.dynamicbean.session.serialization.DeserializationAllowList;
import io.dynamicbean.session.serialization.UnreadableValue;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.util.Assert;

/**
 * The compact encoding of the session values every request reads, written and read field by
 * field instead of through Java serialization: a form login's security context (see
 * {@link CompactSecurityContext}), Spring Security's {@link DefaultCsrfToken}, and strings.
 *
 * <p>A compact value begins with the byte {@code 0xDB}, which no Java serialization stream begins
 * with ({@code 0xACED}), then a one-byte <em>tag</em> naming the type and its layout:
 * {@value #TAG_STRING} a string (its UTF-8 bytes), {@value #TAG_CSRF_TOKEN} a CSRF token (header
 * name, parameter name, token), {@value #TAG_SECURITY_CONTEXT} a security context. A later release
 * that changes a layout gives it a new tag and still reads the old ones; a release that does not
 * know a tag, or no compact encoding at all (releases before this one read the bytes as Java
 * serialization), reports the value as unreadable ({@code corrupt}): it is left out of that read
 * and its bytes stay in the store.
 *
 * <p>{@link #write} encodes only values of exactly these classes, in exactly the shapes the
 * layouts hold (a subclass, another principal or other details are not) and only when every class
 * involved is on the allow-list; anything else answers {@code null}, for Java serialization.
 * {@link #read} builds only these classes, through their public constructors and factories, each
 * after checking it against the allow-list, and counts the objects it builds against the
 * allow-list's limit; strings and {@link java.time.Instant}s are always on the list. It never
 * throws: bytes that do not add up are one {@link UnreadableValue}.
 *
 * <p>Immutable and thread-safe.
 */
public final class CompactValues {

	/** The first byte of every compact value. */
	static final int MARKER = 0xDB;

	/** A string: its UTF-8 bytes. */
	static final int TAG_STRING = 1;

	/** A {@link DefaultCsrfToken}: header name, parameter name, token. */
	static final int TAG_CSRF_TOKEN = 2;

	/** A {@link SecurityContextImpl}, laid out as {@link CompactSecurityContext} says. */
	static final int TAG_SECURITY_CONTEXT = 3;

	private static final List<Class<?>> TYPES = List.of(String.class, Instant.class, DefaultCsrfToken.class,
			SecurityContextImpl.class, UsernamePasswordAuthenticationToken.class, User.class,
			SimpleGrantedAuthority.class, FactorGrantedAuthority.class, WebAuthenticationDetails.class);

	private final TypeCheck types;

	private final int maxObjects;

	/**
	 * Create the encoding of the values the allow-list allows.
	 * @param allowList the allow-list whose classes and object limit reading and writing apply
	 */
	public CompactValues(DeserializationAllowList allowList) {
		this(requireAllowList(allowList)::isAllowed, allowList.getMaxReferences());
	}

	/**
	 * Create the encoding of the values whose class names a predicate allows.
	 */
	CompactValues(Predicate<String> isAllowed, int maxObjects) {
		Set<Class<?>> allowed = TYPES.stream()
			.filter((type) -> isAllowed.test(type.getName()))
			.collect(Collectors.toUnmodifiableSet());
		this.types = new TypeCheck(allowed);
		this.maxObjects = maxObjects;
	}

	private static DeserializationAllowList requireAllowList(DeserializationAllowList allowList) {
		Assert.notNull(allowList, "allowList must not be null");
		return allowList;
	}

	/**
	 * Tell whether bytes are a compact value rather than Java serialization.
	 * @param bytes a value's bytes
	 * @return whether they begin with the compact marker
	 */
	public static boolean isCompact(byte[] bytes) {
		return bytes.length > 0 && (bytes[0] & 0xFF) == MARKER;
	}

	/**
	 * Encode a value compactly, when it is one of the types and shapes this encoding holds.
	 * @param value any value
	 * @return its compact bytes, or {@code null} to serialize it with {@link ObjectOutputStream}
	 */
	public byte @Nullable [] write(@Nullable Object value) {
		if (value instanceof String string) {
			return (this.types.allows(String.class) && CompactOutput.isWellFormed(string)) ? string(string) : null;
		}
		if (value instanceof DefaultCsrfToken token && this.types.allows(DefaultCsrfToken.class)) {
			return csrfToken(token);
		}
		if (value != null && value.getClass() == SecurityContextImpl.class
				&& this.types.allows(SecurityContextImpl.class)) {
			CompactOutput out = start(TAG_SECURITY_CONTEXT, 256);
			boolean written = CompactSecurityContext.write(out, (SecurityContextImpl) value, this.types);
			return (written && out.objects() <= this.maxObjects) ? out.toByteArray() : null;
		}
		return null;
	}

	private static byte[] string(String value) {
		CompactOutput out = start(TAG_STRING, 2 + value.length());
		out.countObject();
		out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
		return out.toByteArray();
	}

	private static byte @Nullable [] csrfToken(DefaultCsrfToken token) {
		if (!CompactOutput.isWellFormed(token.getHeaderName()) || !CompactOutput.isWellFormed(token.getParameterName())
				|| !CompactOutput.isWellFormed(token.getToken())) {
			return null;
		}
		CompactOutput out = start(TAG_CSRF_TOKEN, 64 + token.getToken().length());
		out.countObject();
		out.writeString(token.getHeaderName());
		out.writeString(token.getParameterName());
		out.writeString(token.getToken());
		return out.toByteArray();
	}

	private static CompactOutput start(int tag, int capacity) {
		CompactOutput out = new CompactOutput(capacity);
		out.writeByte(MARKER);
		out.writeByte(tag);
		return out;
	}

	/**
	 * Decode a compact value.
	 * @param bytes bytes for which {@link #isCompact} is true
	 * @return the value, or an {@link UnreadableValue} saying why it cannot be read
	 */
	public Object read(byte[] bytes) {
		Assert.isTrue(isCompact(bytes), "bytes must be a compact value; check isCompact(bytes) first");
		if (bytes.length < 2) {
			return corrupt("it has no type tag");
		}
		int tag = bytes[1] & 0xFF;
		CompactInput in = new CompactInput(bytes, 2, this.maxObjects);
		try {
			Object value = switch (tag) {
				case TAG_STRING -> readString(in);
				case TAG_CSRF_TOKEN -> readCsrfToken(in);
				case TAG_SECURITY_CONTEXT -> CompactSecurityContext.read(in, this.types);
				default -> null;
			};
			if (value == null) {
				return corrupt("it is in a compact encoding this release does not know (tag " + tag
						+ "), written by a later release");
			}
			in.expectEnd();
			return value;
		}
		catch (RefusedTypeException ex) {
			return new UnreadableValue(UnreadableValue.Reason.REFUSED, ex.getMessage(),
					"class " + ex.getMessage() + " is not on the allow-list");
		}
		catch (CompactInput.TooManyObjectsException ex) {
			return new UnreadableValue(UnreadableValue.Reason.REFUSED, null, String.valueOf(ex.getMessage()));
		}
		catch (RuntimeException ex) {
			return corrupt("its compact encoding (tag " + tag + ") cannot be read (" + ex.getMessage() + ")");
		}
	}

	private String readString(CompactInput in) {
		this.types.require(String.class);
		return in.readRemainingString();
	}

	private DefaultCsrfToken readCsrfToken(CompactInput in) {
		this.types.require(DefaultCsrfToken.class);
		in.countObject();
		String headerName = in.readString();
		String parameterName = in.readString();
		return new DefaultCsrfToken(headerName, parameterName, in.readString());
	}

	private static UnreadableValue corrupt(String detail) {
		return new UnreadableValue(UnreadableValue.Reason.CORRUPT, null, detail);
	}

	/**
	 * Which of the types of the compact encoding the allow-list allows.
	 */
	static final class TypeCheck {

		private final Set<Class<?>> allowed;

		TypeCheck(Set<Class<?>> allowed) {
			this.allowed = allowed;
		}

		boolean allows(Class<?> type) {
			return this.allowed.contains(type);
		}

		/**
		 * Check a class before building an object of it; throws {@link RefusedTypeException}.
		 */
		void require(Class<?> type) {
			if (!this.allowed.contains(type)) {
				throw new RefusedTypeException(type.getName());
			}
		}

	}

	/**
	 * A compact value holds a class the allow-list refuses; the message is the class name.
	 */
	private static final class RefusedTypeException extends RuntimeException {

		RefusedTypeException(String className) {
			super(className, null, false, false);
		}

	}

}
