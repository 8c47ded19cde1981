/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached;

import io.dynamicbean.session.LocalSessionRepository;
import io.dynamicbean.session.SwitchableSessionRepository;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link MemcachedSessionRepositoryGenerator} without memcached;
 * {@link MemcachedFailureDetectionITests} covers it against real {@code memcached} processes.
 */
class MemcachedSessionRepositoryGeneratorTests {

	private final MemcachedSessionRepositoryGenerator generator = new MemcachedSessionRepositoryGenerator(
			new SwitchableSessionRepository(new LocalSessionRepository()));

	@Test
	void namesItsBeanAfterTheRepositoryTypeAndItsStoreMemcached() {
		assertThat(this.generator.getBeanName()).isEqualTo("memcachedSessionRepository");
		assertThat(this.generator.getStoreName()).isEqualTo("memcached");
		assertThat(this.generator.getDelaySeconds()).isEqualTo(30);
		assertThat(this.generator.getFailureThreshold()).isEqualTo(3);
	}

	@Test
	void countsTheOperationsMemcachedDidNotAnswer() {
		assertThat(this.generator.isStoreFailure(
				new MemcachedUnavailableException("Memcached get of 'key' timed out after 200 ms", null)))
			.isTrue();
		assertThat(this.generator.isStoreFailure(new IllegalStateException("unexpected"))).isTrue();
	}

	@Test
	void doesNotCountOperationsRefusedWithoutContactingMemcached() {
		assertThat(this.generator.isStoreFailure(new MemcachedUnavailableException(
				"Memcached operation on 'key' not attempted: no node answers", null, true)))
			.isFalse();
	}

	@Test
	void doesNotCountWhatMemcachedAnsweredWithARefusal() {
		assertThat(this.generator
			.isStoreFailure(new MemcachedStoreException("Memcached refused to store session 'key'", null))).isFalse();
		assertThat(this.generator
			.isStoreFailure(new SessionWriteConflictException("Session 'key' was written by other requests", null)))
			.isFalse();
	}

	@Test
	void refusesToGenerateWithoutTheMemcachedClient() {
		assertThatIllegalStateException().isThrownBy(this.generator::generate)
			.withMessage("The memcachedClient dynamic bean was not injected");
	}

}
