/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached;

import java.time.Duration;
import java.util.List;

import io.dynamicbean.session.LocalSessionRepository;
import io.dynamicbean.session.SwitchableSessionRepository;
import io.dynamicbean.session.contract.UnreadableValuesContractTests;
import io.dynamicbean.session.serialization.DeserializationAllowList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A deploy that changes a session-held class, through the switchable front of each release (with
 * its own local store and fallback copies) over {@link MemcachedSessionRepository} on a real
 * memcached process.
 */
class SwitchableOverMemcachedUnreadableValuesITests extends UnreadableValuesContractTests {

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
		SwitchableSessionRepository front = new SwitchableSessionRepository(new LocalSessionRepository());
		MemcachedSessionRepository store = new MemcachedSessionRepository(this.client);
		store.setBeanClassLoader(classLoader);
		store.setDeserializationAllowList(allowList);
		store.setSessionIdGenerator(front.getSessionIdGenerator());
		front.switchTo("memcached", store);
		return Release.of(front, store.getUnreadableValues());
	}

}
