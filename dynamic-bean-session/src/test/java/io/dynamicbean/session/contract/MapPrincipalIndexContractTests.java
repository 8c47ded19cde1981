/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session.contract;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.dynamicbean.session.SwitchableSessionRepository;

import org.springframework.session.MapSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

/**
 * The principal index over Spring Session's {@link MapSessionRepository}, one map shared by both
 * instances.
 */
class MapPrincipalIndexContractTests extends PrincipalIndexContractTests {

	private final Map<String, Session> sessions = new ConcurrentHashMap<>();

	@Override
	protected SessionRepository<? extends Session> newStore(SwitchableSessionRepository front) {
		MapSessionRepository store = new MapSessionRepository(this.sessions);
		store.setSessionIdGenerator(front.getSessionIdGenerator());
		return store;
	}

}
