/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached;

import java.util.HashMap;

import io.dynamicbean.session.LocalSessionRepository;
import io.dynamicbean.session.SwitchableSessionRepository;
import io.dynamicbean.session.security.SwitchableSecurityContextRepository;
import net.spy.memcached.MemcachedClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.session.MapSessionRepository;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link MemcachedSecurityContextRepositoryGenerator}.
 */
class MemcachedSecurityContextRepositoryGeneratorTests {

	private final SwitchableSessionRepository sessions = new SwitchableSessionRepository(new LocalSessionRepository());

	private final SwitchableSecurityContextRepository contexts = new SwitchableSecurityContextRepository();

	private final MemcachedSessionRepository memcachedSessions = new MemcachedSessionRepository(
			mock(MemcachedClient.class));

	private MemcachedSecurityContextRepositoryGenerator generator;

	@BeforeEach
	void createGenerator() {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("switchableSessionRepository", this.sessions);
		beans.addBean("switchableSecurityContextRepository", this.contexts);
		this.generator = new MemcachedSecurityContextRepositoryGenerator(
				beans.getBeanProvider(SwitchableSessionRepository.class),
				beans.getBeanProvider(SwitchableSecurityContextRepository.class));
		ReflectionTestUtils.setField(this.generator, "memcachedSessionRepository", this.memcachedSessions);
	}

	@Test
	void generatesTheMemcachedSecurityContextRepositoryBean() {
		assertThat(this.generator.getBeanName()).isEqualTo("memcachedSecurityContextRepository");
		assertThat(this.generator.getDelaySeconds()).isEqualTo(30);
	}

	@Test
	void switchesTheApplicationToMemcachedWhenExecuted() {
		this.generator.generate();
		assertThat(this.sessions.isRemoteActive()).as("switched before execute()").isFalse();
		this.generator.execute();
		assertThat(this.sessions.getActiveStoreName()).isEqualTo("memcached");
		assertThat(this.contexts.getActiveStoreName()).isEqualTo("memcached");
	}

	@Test
	void switchesTheApplicationBackToLocalWhenTheBeanIsDestroyed() {
		MemcachedSecurityContextRepository repository = this.generator.generate();
		this.generator.execute();
		repository.destroy();
		assertThat(this.sessions.getActiveStoreName()).isEqualTo("local");
		assertThat(this.contexts.getActiveStoreName()).isEqualTo("local");
	}

	@Test
	void leavesAnotherStoreAloneWhenTheBeanIsDestroyed() {
		MemcachedSecurityContextRepository repository = this.generator.generate();
		this.generator.execute();
		this.sessions.switchTo("redis", new MapSessionRepository(new HashMap<>()));
		repository.destroy();
		assertThat(this.sessions.getActiveStoreName()).isEqualTo("redis");
	}

}
