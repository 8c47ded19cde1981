/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached;

import java.time.Duration;
import java.util.List;

import io.dynamicbean.session.LocalSessionRepository;
import io.dynamicbean.session.SwitchableSessionRepository;
import io.dynamicbean.session.contract.SessionRepositoryContractTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

/**
 * The Spring Session repository contract, run against the switchable front with a
 * {@link MemcachedSessionRepository} on a real memcached switched in, as an application uses it. The
 * front ends a session whose save the store refuses (deleted meanwhile) without throwing: the request
 * continues without a session.
 */
class SwitchableOverMemcachedContractITests extends SessionRepositoryContractTests<Session> {

	@RegisterExtension
	static final MemcachedServer memcached = new MemcachedServer();

	private MemcachedCluster client;

	private SwitchableSessionRepository front;

	@BeforeEach
	void switchToMemcached() throws Exception {
		memcached.start();
		memcached.flush();
		MemcachedClientGenerator generator = new MemcachedClientGenerator();
		generator.setServers(List.of(memcached.getAddress()));
		generator.setOperationTimeout(Duration.ofSeconds(2));
		this.client = generator.generate();
		this.front = new SwitchableSessionRepository(new LocalSessionRepository());
		MemcachedSessionRepository store = new MemcachedSessionRepository(this.client);
		store.setSessionIdGenerator(this.front.getSessionIdGenerator());
		this.front.switchTo("memcached", store);
	}

	@AfterEach
	void shutdownClient() {
		this.client.shutdown();
	}

	@Override
	protected SessionRepository<Session> getRepository() {
		return this.front;
	}

	@Override
	protected boolean refusesSaveOfDeletedSessionByThrowing() {
		return false;
	}

}
