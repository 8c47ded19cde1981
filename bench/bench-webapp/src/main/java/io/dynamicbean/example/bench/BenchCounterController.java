/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.bench;

import jakarta.servlet.http.HttpSession;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Benchmark endpoints (logged in, like every page of the example): {@code GET /bench/counter} reads
 * a counter from the session, stores it plus one, and answers the new value as plain text;
 * {@code GET /bench/read} answers the counter without changing the session.
 *
 * <p>It is {@code /session} reduced to the session work, with no JSON and nothing asked of the
 * switchable front, so that it also runs unchanged in the benchmark-only {@code plain-redis}
 * profile: a request costs what the session store costs any application, the session (and the
 * login in it) read and written. Used by {@code bench/overhead.sh}, {@code bench/outage.sh} and
 * the fault drills; see {@code docs/benchmarks.md}.
 */
@RestController
public class BenchCounterController {

	/**
	 * The path of the endpoint.
	 */
	public static final String PATH = "/bench/counter";

	/**
	 * The path of the read-only endpoint.
	 */
	public static final String READ_PATH = "/bench/read";

	/**
	 * The session attribute that holds the counter, a {@link Long}.
	 */
	public static final String COUNTER_ATTRIBUTE = "example.bench.counter";

	/**
	 * Add one to the session's counter.
	 * @param session the current session
	 * @return the counter after this call
	 */
	@GetMapping(path = PATH, produces = MediaType.TEXT_PLAIN_VALUE)
	public String counter(HttpSession session) {
		long counter = ((session.getAttribute(COUNTER_ATTRIBUTE) instanceof Long value) ? value : 0L) + 1;
		session.setAttribute(COUNTER_ATTRIBUTE, counter);
		return Long.toString(counter);
	}

	/**
	 * Read the session's counter without changing the session: what a request that only reads its
	 * session (and the login in it) costs.
	 * @param session the current session
	 * @return the counter
	 */
	@GetMapping(path = READ_PATH, produces = MediaType.TEXT_PLAIN_VALUE)
	public String read(HttpSession session) {
		return Long.toString((session.getAttribute(COUNTER_ATTRIBUTE) instanceof Long value) ? value : 0L);
	}

}
