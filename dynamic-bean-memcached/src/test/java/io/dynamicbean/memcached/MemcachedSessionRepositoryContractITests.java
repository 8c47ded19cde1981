/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached;

import java.time.Duration;
import java.util.List;

import io.dynamicbean.session.contract.SessionRepositoryContractTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.session.SessionRepository;

/**
 * The Spring Session repository contract, run against {@link MemcachedSessionRepository} on a real
 * memcached process. The store refuses to save a deleted session by throwing
 * {@link io.dynamicbean.session.SessionInvalidatedException}.
 */
class MemcachedSessionRepositoryContractITests extends SessionRepositoryContractTests<MemcachedSession> {

	@RegisterExtension
	static final MemcachedServer memcached = new MemcachedServer();

	private MemcachedCluster client;

	private MemcachedSessionRepository repository;

	@BeforeEach
	void startMemcached() throws Exception {
		memcached.start();
		memcached.flush();
		MemcachedClientGenerator generator = new MemcachedClientGenerator();
		generator.setServers(List.of(memcached.getAddress()));
		generator.setOperationTimeout(Duration.ofSeconds(2));
		this.client = generator.generate();
		this.repository = new MemcachedSessionRepository(this.client);
	}

	@AfterEach
	void shutdownClient() {
		this.client.shutdown();
	}

	@Override
	protected SessionRepository<MemcachedSession> getRepository() {
		return this.repository;
	}

}
