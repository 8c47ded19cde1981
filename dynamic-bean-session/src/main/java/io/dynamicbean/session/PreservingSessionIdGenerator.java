/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.session.SessionIdGenerator;
import org.springframework.session.UuidSessionIdGenerator;
import org.springframework.util.Assert;

/**
 * A {@link SessionIdGenerator} that hands out a given id once while a session is being moved into
 * a remote store on the current thread, and otherwise delegates (by default to
 * {@link UuidSessionIdGenerator}).
 *
 * <p>A remote {@code SessionRepository} configured with this generator (MapSessionRepository,
 * RedisSessionRepository and JdbcIndexedSessionRepository all have
 * {@code setSessionIdGenerator}) creates the migrated session under the id it had in the local
 * store, so the browser's cookie stays valid and every instance behind the load balancer agrees
 * on it:
 *
 * <pre class="code">
 * RedisSessionRepository redis = new RedisSessionRepository(redisTemplate);
 * redis.setSessionIdGenerator(switchableSessionRepository.getSessionIdGenerator());
 * switchableSessionRepository.switchTo("redis", redis);
 * </pre>
 *
 * Thread-safe.
 */
public final class PreservingSessionIdGenerator implements SessionIdGenerator {

	private final ThreadLocal<@Nullable String> preservedId = new ThreadLocal<>();

	private final SessionIdGenerator delegate;

	/**
	 * Create a generator that delegates to {@link UuidSessionIdGenerator}.
	 */
	public PreservingSessionIdGenerator() {
		this(UuidSessionIdGenerator.getInstance());
	}

	/**
	 * Create a generator that delegates to the given one outside migrations.
	 * @param delegate the generator of new ids, not {@code null}
	 */
	public PreservingSessionIdGenerator(SessionIdGenerator delegate) {
		Assert.notNull(delegate, "delegate must not be null");
		this.delegate = delegate;
	}

	/**
	 * Return the id being preserved on this thread, once, or else a new id from the delegate.
	 */
	@Override
	public String generate() {
		String id = this.preservedId.get();
		if (id != null) {
			this.preservedId.remove();
			return id;
		}
		return this.delegate.generate();
	}

	/**
	 * Run an action, typically a remote repository's {@code createSession()}, during which the
	 * first id generated on this thread is the given one.
	 * @param id the id to hand out, not empty
	 * @param action the action to run
	 * @param <T> the type of the action's result
	 * @return the action's result
	 */
	public <T> T withPreservedId(String id, Supplier<T> action) {
		Assert.hasText(id, "id must not be empty");
		Assert.notNull(action, "action must not be null");
		this.preservedId.set(id);
		try {
			return action.get();
		}
		finally {
			this.preservedId.remove();
		}
	}

	/**
	 * Return the generator used outside migrations.
	 * @return the delegate
	 */
	public SessionIdGenerator getDelegate() {
		return this.delegate;
	}

}
