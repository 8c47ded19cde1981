/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session.serialization;

import java.io.InvalidClassException;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Why one session attribute value read back from a store could not be deserialized: its
 * {@link Reason reason}, the class concerned when known, and the detail of the failure.
 *
 * @param reason why the value cannot be read, not {@code null}
 * @param className the class that could not be read, or {@code null} when unknown (corrupt bytes,
 * a limit broken)
 * @param detail what went wrong, for the log, not {@code null}
 */
public record UnreadableValue(Reason reason, @Nullable String className, String detail) {

	/**
	 * Create the description of an unreadable value.
	 */
	public UnreadableValue {
		Assert.notNull(reason, "reason must not be null");
		Assert.notNull(detail, "detail must not be null");
	}

	/**
	 * Describe a failed deserialization.
	 * @param failure what the stream threw, not {@code null}
	 * @param in the stream that read the value, or {@code null} if it could not be opened
	 * @return the description
	 */
	public static UnreadableValue of(Throwable failure, @Nullable AllowListObjectInputStream in) {
		Assert.notNull(failure, "failure must not be null");
		String rejection = (in != null) ? in.getRejection() : null;
		if (rejection != null) {
			return new UnreadableValue(Reason.REFUSED, in.getRejectedClass(), rejection);
		}
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ClassNotFoundException) {
				return new UnreadableValue(Reason.MISSING_CLASS, cause.getMessage(),
						"class " + cause.getMessage() + " is not on the class path");
			}
			if (cause instanceof InvalidClassException invalid) {
				return new UnreadableValue(Reason.CHANGED_CLASS, invalid.classname,
						"class " + invalid.classname + " is not the class the value was written with ("
								+ invalid.getMessage() + ")");
			}
		}
		return new UnreadableValue(Reason.CORRUPT, null, "it cannot be read (" + failure + ")");
	}

	/**
	 * Why a value cannot be read; {@link #tag()} is its name in meters and logs.
	 */
	public enum Reason {

		/** The class exists but is not the one the value was written with (another serialVersionUID). */
		CHANGED_CLASS("changed-class"),

		/** The class is on the allow-list but not on the class path of this release. */
		MISSING_CLASS("missing-class"),

		/** The allow-list refused the value: a class off the list, a proxy, or a limit broken. */
		REFUSED("refused"),

		/** The bytes are not a serialized value. */
		CORRUPT("corrupt");

		private final String tag;

		Reason(String tag) {
			this.tag = tag;
		}

		/**
		 * Return the name of the reason in meters and logs, such as {@code changed-class}.
		 * @return the tag value
		 */
		public String tag() {
			return this.tag;
		}

	}

}
