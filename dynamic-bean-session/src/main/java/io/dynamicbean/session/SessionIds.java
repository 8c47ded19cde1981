/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

/**
 * Session ids are credentials: logs show only their first characters.
 */
final class SessionIds {

	private static final int SHOWN_CHARACTERS = 8;

	private SessionIds() {
	}

	static String abbreviate(String id) {
		return (id.length() <= SHOWN_CHARACTERS) ? "'" + id + "'" : "'" + id.substring(0, SHOWN_CHARACTERS) + "…'";
	}

}
