/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached;

import io.dynamicbean.session.LocalSessionRepository;
import io.dynamicbean.session.SwitchableSessionRepository;
import io.dynamicbean.session.security.SwitchableSecurityContextRepository;
import net.spy.memcached.MemcachedClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link MemcachedSecurityContextRepositoryGenerator}.
 */
class MemcachedSecurityContextRepositoryGeneratorTests {

	private final SwitchableSessionRepository sessions = new SwitchableSessionRepository(new LocalSessionRepository());

	private final SwitchableSecurityContextRepository contexts = new SwitchableSecurityContextRepository();

	private final StaticListableBeanFactory beans = new StaticListableBeanFactory();

	private final MemcachedSecurityContextRepositoryGenerator generator = new MemcachedSecurityContextRepositoryGenerator(
			this.beans.getBeanProvider(SwitchableSecurityContextRepository.class));

	@Test
	void generatesTheMemcachedSecurityContextRepositoryBean() {
		assertThat(this.generator.getBeanName()).isEqualTo("memcachedSecurityContextRepository");
		assertThat(this.generator.getDelaySeconds()).isEqualTo(30);
	}

	@Test
	void switchesOnlyTheSecurityContextFrontToMemcachedWhenExecuted() {
		this.beans.addBean("switchableSecurityContextRepository", this.contexts);
		injectSessionRepository();
		this.generator.generate();
		assertThat(this.contexts.isRemoteActive()).as("switched before execute()").isFalse();
		this.generator.execute();
		assertThat(this.contexts.getActiveStoreName()).isEqualTo("memcached");
		assertThat(this.sessions.getActiveStoreName()).as("session front, switched by its own generator")
			.isEqualTo("local");
	}

	@Test
	void switchesNothingInAnApplicationWithoutSecurityContextFront() {
		injectSessionRepository();
		this.generator.generate();
		this.generator.execute();
		assertThat(this.contexts.getActiveStoreName()).isEqualTo("local");
	}

	@Test
	void refusesToGenerateWithoutTheMemcachedSessionRepository() {
		assertThatIllegalStateException().isThrownBy(this.generator::generate)
			.withMessage("The memcachedSessionRepository dynamic bean was not injected");
	}

	private void injectSessionRepository() {
		ReflectionTestUtils.setField(this.generator, "memcachedSessionRepository",
				new MemcachedSessionRepository(mock(MemcachedClient.class)));
	}

}
