/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.jdbc;

import java.util.Map;

import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.IndexResolver;
import org.springframework.session.PrincipalNameIndexResolver;
import org.springframework.session.Session;

/**
 * The principal name that {@code JdbcIndexedSessionRepository} writes to its {@code PRINCIPAL_NAME}
 * column, only when the column can hold it: at most {@value #MAX_LENGTH} characters (the column of
 * Spring Session's schemas) and no NUL character (PostgreSQL refuses it in text). A principal name
 * comes from a login form, any length and any characters; without this, such a name makes every
 * save of its session fail. The front finds sessions by principal through its own index, not this
 * column, so a name left out here is still found.
 */
final class ColumnSafePrincipalNameIndexResolver implements IndexResolver<Session> {

	/** The width of the {@code PRINCIPAL_NAME} column in Spring Session's schemas. */
	static final int MAX_LENGTH = 100;

	private final PrincipalNameIndexResolver<Session> delegate = new PrincipalNameIndexResolver<>();

	@Override
	public Map<String, String> resolveIndexesFor(Session session) {
		String name = this.delegate.resolveIndexValueFor(session);
		if (name == null || name.length() > MAX_LENGTH || name.indexOf('\0') >= 0) {
			return Map.of();
		}
		return Map.of(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME, name);
	}

}
