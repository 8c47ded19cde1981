/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import org.springframework.session.MapSession;
import org.springframework.session.Session;

/**
 * Copies the state of a session into a session of another store.
 */
final class SessionStateCopier {

	private SessionStateCopier() {
	}

	/**
	 * Make the target hold the source's attributes, max inactive interval and last access time,
	 * and, for a new target that allows it ({@link MapSession}), its creation time.
	 * @param source the session to copy
	 * @param target the session to change
	 * @param newTarget whether the target was just created for the copy
	 */
	static void copy(Session source, Session target, boolean newTarget) {
		for (String name : target.getAttributeNames()) {
			// a name whose value the target cannot read (a class of another release) is not the source's to remove
			if (source.getAttribute(name) == null && target.getAttribute(name) != null) {
				target.removeAttribute(name);
			}
		}
		for (String name : source.getAttributeNames()) {
			Object value = source.getAttribute(name);
			if (value != null) {
				target.setAttribute(name, value);
			}
		}
		target.setMaxInactiveInterval(source.getMaxInactiveInterval());
		target.setLastAccessedTime(source.getLastAccessedTime());
		if (newTarget && target instanceof MapSession mapSession) {
			mapSession.setCreationTime(source.getCreationTime());
		}
	}

}
