/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached;

import java.time.Duration;

import io.dynamicbean.AbstractExecutableDynamicBeanGeneratorAdapter;
import io.dynamicbean.DynamicAutowired;
import io.dynamicbean.session.StoreRetryRules;
import io.dynamicbean.session.security.SwitchableSecurityContextRepository;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.Assert;

/**
 * Generates the {@link MemcachedSecurityContextRepository}, bean
 * {@code memcachedSecurityContextRepository}, on the dynamic {@link MemcachedSessionRepository},
 * and switches the application's {@link SwitchableSecurityContextRepository}, when it has one, to
 * it in {@link #execute()} (store name {@value MemcachedSessionRepositoryGenerator#STORE_NAME}):
 * the original design's rewiring of the security filter chain, made reversible. The session front
 * is switched by the {@link MemcachedSessionRepositoryGenerator}. The bean exists only while the
 * memcached session repository does; when it is destroyed, the security context front goes back
 * to its local repository (done by the {@code SwitchToLocalOnDestroyPostProcessor} that the
 * auto-configuration of {@code dynamic-bean-session} registers; declare it yourself without
 * Spring Boot).
 *
 * <p>Defaults: retry delay 30 s.
 */
public class MemcachedSecurityContextRepositoryGenerator
		extends AbstractExecutableDynamicBeanGeneratorAdapter<MemcachedSecurityContextRepository> {

	@DynamicAutowired
	private @Nullable MemcachedSessionRepository memcachedSessionRepository;

	private final ObjectProvider<SwitchableSecurityContextRepository> securityContextRepository;

	private volatile @Nullable MemcachedSecurityContextRepository generated;

	private Duration delay = MemcachedClientGenerator.DEFAULT_DELAY;

	/**
	 * Create a generator.
	 * @param securityContextRepository the application's switchable security context front, if it
	 * has one, not {@code null}
	 */
	public MemcachedSecurityContextRepositoryGenerator(
			ObjectProvider<SwitchableSecurityContextRepository> securityContextRepository) {
		Assert.notNull(securityContextRepository, "securityContextRepository must not be null");
		this.securityContextRepository = securityContextRepository;
	}

	@Override
	public MemcachedSecurityContextRepository generate() {
		Assert.state(this.memcachedSessionRepository != null,
				"The memcachedSessionRepository dynamic bean was not injected");
		MemcachedSecurityContextRepository repository = new MemcachedSecurityContextRepository();
		this.generated = repository;
		return repository;
	}

	/**
	 * Switch the application's security context front, if it has one, to memcached.
	 */
	@Override
	public void execute() {
		MemcachedSecurityContextRepository repository = this.generated;
		Assert.state(repository != null, "execute() called before generate()");
		this.securityContextRepository.ifAvailable(
				(front) -> front.switchTo(MemcachedSessionRepositoryGenerator.STORE_NAME, repository));
	}

	@Override
	public int getDelaySeconds() {
		return Math.toIntExact(this.delay.toSeconds());
	}

	/**
	 * Set the delay between generation attempts.
	 * @param delay whole seconds, zero (never retried automatically) or positive; 30 s by default
	 */
	public void setDelay(Duration delay) {
		this.delay = StoreRetryRules.checkRetryDelay(delay, "dynamic-bean.memcached.retry-delay");
	}

}
