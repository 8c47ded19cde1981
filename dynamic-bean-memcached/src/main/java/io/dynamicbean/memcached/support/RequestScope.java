/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.support;

import org.jspecify.annotations.Nullable;

/**
 * What a session repository wrote during the HTTP request the current thread is serving, so that
 * Spring Session's second commit of the same request (a {@code findById} and a {@code save} after
 * the response was committed early) can be answered without memcached round trips. Exists only
 * between {@link #begin()} and {@link #end()}, which
 * {@link io.dynamicbean.memcached.MemcachedSessionRequestFilter} calls around each request: never
 * across requests.
 */
public final class RequestScope {

	private static final ThreadLocal<RequestScope> current = new ThreadLocal<>();

	private @Nullable Object owner;

	private @Nullable String key;

	private byte @Nullable [] data;

	private RequestScope() {
	}

	/**
	 * Start the scope of a request on the current thread, unless one is started already.
	 * @return whether a scope was started (and must be ended by the caller)
	 */
	public static boolean begin() {
		if (current.get() != null) {
			return false;
		}
		current.set(new RequestScope());
		return true;
	}

	/**
	 * End the scope of the current thread's request, forgetting what it remembered.
	 */
	public static void end() {
		current.remove();
	}

	/**
	 * Return the scope of the request the current thread is serving.
	 * @return the scope, or {@code null} outside a request
	 */
	public static @Nullable RequestScope current() {
		return current.get();
	}

	/**
	 * Remember what was written under a key.
	 * @param owner the repository that wrote it
	 * @param key the key
	 * @param data the value written
	 */
	public void remember(Object owner, String key, byte[] data) {
		this.owner = owner;
		this.key = key;
		this.data = data;
	}

	/**
	 * Return what the given repository wrote under a key during this request.
	 * @param owner the repository
	 * @param key the key
	 * @return the value, or {@code null} if it wrote nothing there (or something else since)
	 */
	public byte @Nullable [] recall(Object owner, String key) {
		return (this.owner == owner && key.equals(this.key)) ? this.data : null;
	}

	/**
	 * Forget what was remembered.
	 */
	public void forget() {
		this.owner = null;
		this.key = null;
		this.data = null;
	}

}
