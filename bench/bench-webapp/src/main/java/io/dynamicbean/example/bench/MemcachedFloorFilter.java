/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;

import io.dynamicbean.memcached.support.RawBytesTranscoder;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import net.spy.memcached.MemcachedClient;

import org.springframework.util.Assert;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A benchmark control, not a session store: for each request that has a session, exactly the
 * memcached work of the memcached session store and nothing else. A blocking {@code get} of the
 * session's key, then a blocking {@code set} of a session-sized {@code byte[]} with the session's
 * expiry, both before the request is served: two raw spymemcached round trips of a session-sized
 * value, with no serialization, no codec, no session code. (The store saves when the response is
 * committed, also before the client sees anything; the floor pays the same two round trips per
 * request without wrapping the response.) The sessions themselves stay in the local store.
 *
 * <p>Used by the benchmark-only {@code memcached-floor} profile ({@link MemcachedFloorConfiguration})
 * that {@code bench/overhead.sh} measures: the cost of any memcached session store built on
 * spymemcached, at minimum, on the machine at hand. The distance between that floor and the
 * {@code memcached} profile is what the library's own code costs.
 *
 * <p>Keys are {@value #KEY_PREFIX} followed by the session id. A request without a session (one
 * that Spring Security turned away) costs nothing. A failed or refused operation fails the
 * request: this control has no fallback.
 */
public class MemcachedFloorFilter extends OncePerRequestFilter {

	/**
	 * The prefix of every key.
	 */
	public static final String KEY_PREFIX = "floor:";

	private final MemcachedClient client;

	private final byte[] payload;

	private final int expirySeconds;

	/**
	 * Create the filter.
	 * @param client the memcached client, not {@code null}
	 * @param payloadBytes the size of the value written per request, positive: the size of an
	 * encoded session
	 * @param expiry the expiry of the value, at least 1 s: the session timeout
	 */
	public MemcachedFloorFilter(MemcachedClient client, int payloadBytes, Duration expiry) {
		Assert.notNull(client, "client must not be null");
		Assert.isTrue(payloadBytes > 0, "payloadBytes must be positive: fix example.bench.floor.payload-bytes");
		Assert.isTrue(expiry != null && expiry.toSeconds() >= 1, "expiry must be at least 1 s");
		this.client = client;
		this.payload = new byte[payloadBytes];
		this.expirySeconds = (int) Math.min(expiry.toSeconds(), Integer.MAX_VALUE);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		HttpSession session = request.getSession(false);
		if (session == null) {
			chain.doFilter(request, response);
			return;
		}
		String key = KEY_PREFIX + session.getId();
		this.client.get(key, RawBytesTranscoder.INSTANCE);
		set(key);
		chain.doFilter(request, response);
	}

	private void set(String key) throws ServletException {
		try {
			Boolean stored = this.client.set(key, this.expirySeconds, this.payload, RawBytesTranscoder.INSTANCE).get();
			if (!Boolean.TRUE.equals(stored)) {
				throw new ServletException("Memcached refused to store '" + key + "' (" + this.payload.length + " bytes)");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ServletException("Interrupted while storing '" + key + "' in memcached", ex);
		}
		catch (ExecutionException ex) {
			throw new ServletException("Memcached failed to store '" + key + "'", ex.getCause());
		}
	}

}
