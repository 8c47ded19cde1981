/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached;

import java.time.Duration;

import io.dynamicbean.AbstractExecutableDynamicBeanGeneratorAdapter;
import io.dynamicbean.DynamicAutowired;
import io.dynamicbean.session.SwitchableSessionRepository;
import io.dynamicbean.session.security.SwitchableSecurityContextRepository;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.Assert;

/**
 * Generates the {@link MemcachedSecurityContextRepository}, bean
 * {@code memcachedSecurityContextRepository}, on the dynamic {@link MemcachedSessionRepository},
 * and switches the running application over to memcached in {@link #execute()}: the
 * {@link SwitchableSessionRepository} to the memcached session repository (store name
 * {@value #STORE_NAME}) and, when the application has one, the
 * {@link SwitchableSecurityContextRepository} to the generated repository. This is the original
 * design's rewiring of the security filter chain, made reversible: when the generated bean is
 * destroyed (the client was invalidated, or the application stops) both fronts are switched back
 * to their local stores, if memcached is still what they use.
 *
 * <p>Defaults: retry delay 30 s.
 */
public class MemcachedSecurityContextRepositoryGenerator
		extends AbstractExecutableDynamicBeanGeneratorAdapter<MemcachedSecurityContextRepository> {

	/** The store name the switchable fronts report while memcached is active. */
	public static final String STORE_NAME = "memcached";

	@DynamicAutowired
	private @Nullable MemcachedSessionRepository memcachedSessionRepository;

	private final ObjectProvider<SwitchableSessionRepository> sessionRepository;

	private final ObjectProvider<SwitchableSecurityContextRepository> securityContextRepository;

	private volatile @Nullable MemcachedSecurityContextRepository generated;

	private Duration delay = MemcachedClientGenerator.DEFAULT_DELAY;

	/**
	 * Create a generator.
	 * @param sessionRepository the application's switchable session front, which must exist
	 * @param securityContextRepository the application's switchable security context front, if
	 * it has one
	 */
	public MemcachedSecurityContextRepositoryGenerator(ObjectProvider<SwitchableSessionRepository> sessionRepository,
			ObjectProvider<SwitchableSecurityContextRepository> securityContextRepository) {
		Assert.notNull(sessionRepository, "sessionRepository must not be null");
		Assert.notNull(securityContextRepository, "securityContextRepository must not be null");
		this.sessionRepository = sessionRepository;
		this.securityContextRepository = securityContextRepository;
	}

	@Override
	public MemcachedSecurityContextRepository generate() {
		MemcachedSessionRepository sessions = this.memcachedSessionRepository;
		Assert.state(sessions != null, "The memcachedSessionRepository dynamic bean was not injected");
		SwitchableSessionRepository sessionFront = this.sessionRepository.getIfAvailable();
		Assert.state(sessionFront != null, "No SwitchableSessionRepository bean to switch to memcached: add "
				+ "dynamic-bean-session's auto-configuration or declare one");
		SwitchableSecurityContextRepository contextFront = this.securityContextRepository.getIfAvailable();
		MemcachedSecurityContextRepository repository = new MemcachedSecurityContextRepository();
		repository.onDestroy(() -> {
			if (contextFront != null) {
				contextFront.switchToLocalIfActive(repository);
			}
			sessionFront.switchToLocalIfActive(sessions);
		});
		this.generated = repository;
		return repository;
	}

	/**
	 * Switch the application's session front, then its security context front, to memcached.
	 */
	@Override
	public void execute() {
		MemcachedSecurityContextRepository repository = this.generated;
		MemcachedSessionRepository sessions = this.memcachedSessionRepository;
		Assert.state(repository != null && sessions != null, "execute() called before generate()");
		this.sessionRepository.getObject().switchTo(STORE_NAME, sessions);
		SwitchableSecurityContextRepository contextFront = this.securityContextRepository.getIfAvailable();
		if (contextFront != null) {
			contextFront.switchTo(STORE_NAME, repository);
		}
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
		this.delay = GeneratorDelays.check(delay);
	}

}
