/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached;

import java.time.Duration;
import java.util.List;

import io.dynamicbean.session.contract.UnreadableValuesContractTests;
import io.dynamicbean.session.serialization.DeserializationAllowList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A deploy that changes a session-held class, on {@link MemcachedSessionRepository} with a real
 * memcached process: two releases, each with its own repository and class loader, share it.
 */
class MemcachedUnreadableValuesITests extends UnreadableValuesContractTests {

	@RegisterExtension
	static final MemcachedServer memcached = new MemcachedServer();

	private MemcachedCluster client;

	@BeforeEach
	void startMemcached() throws Exception {
		memcached.start();
		memcached.flush();
		MemcachedClientGenerator generator = new MemcachedClientGenerator();
		generator.setServers(List.of(memcached.getAddress()));
		generator.setOperationTimeout(Duration.ofSeconds(2));
		this.client = generator.generate();
	}

	@AfterEach
	void shutdownClient() {
		this.client.shutdown();
	}

	@Override
	protected Release release(ClassLoader classLoader, DeserializationAllowList allowList) {
		MemcachedSessionRepository repository = new MemcachedSessionRepository(this.client);
		repository.setBeanClassLoader(classLoader);
		repository.setDeserializationAllowList(allowList);
		return Release.of(repository, repository.getUnreadableValues());
	}

}
