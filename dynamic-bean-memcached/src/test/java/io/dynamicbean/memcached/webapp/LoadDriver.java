/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.webapp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps a few browsers requesting {@code /public/counter} in a loop, each with its own session,
 * and records every request: its latency, its status, and whether the browser's counter went on
 * where it left off. Bounded: stops when told, or after a maximum time.
 */
final class LoadDriver implements AutoCloseable {

	private static final Duration MAX_RUN = Duration.ofSeconds(60);

	private final ExecutorService threads;

	private final List<Future<?>> loops = new ArrayList<>();

	private final List<WebClient> browsers = new ArrayList<>();

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();

	private final long deadline = System.nanoTime() + MAX_RUN.toNanos();

	LoadDriver(int port, int browsers) {
		this.threads = Executors.newFixedThreadPool(browsers);
		for (int i = 0; i < browsers; i++) {
			WebClient browser = new WebClient(port);
			this.browsers.add(browser);
			this.loops.add(this.threads.submit(() -> loop(browser)));
		}
	}

	private void loop(WebClient browser) {
		int expected = 1;
		while (this.running.get() && System.nanoTime() < this.deadline) {
			long start = System.nanoTime();
			int status;
			String body;
			try {
				var response = browser.get("/public/counter");
				status = response.statusCode();
				body = response.body();
			}
			catch (RuntimeException ex) {
				status = -1;
				body = ex.toString();
			}
			Duration latency = Duration.ofNanos(System.nanoTime() - start);
			boolean continued = String.valueOf(expected).equals(body);
			this.samples.add(new Sample(System.nanoTime(), latency, status, body, continued));
			expected = continued ? expected + 1 : parseOr(body, expected) + 1;
		}
	}

	private static int parseOr(String body, int fallback) {
		try {
			return Integer.parseInt(body);
		}
		catch (NumberFormatException ex) {
			return fallback;
		}
	}

	/**
	 * Return the session ids of the browsers.
	 * @return the ids of those that have a session
	 */
	List<String> sessionIds() {
		return this.browsers.stream().map(WebClient::sessionId).filter(java.util.Objects::nonNull).toList();
	}

	/**
	 * Return the requests completed so far.
	 * @return the samples, in completion order
	 */
	List<Sample> samples() {
		return List.copyOf(this.samples);
	}

	/**
	 * Return the requests that completed after the given instant ({@link System#nanoTime()}).
	 * @param since the instant
	 * @return the samples
	 */
	List<Sample> samplesSince(long since) {
		return this.samples.stream().filter((sample) -> sample.completedAt() - since > 0).toList();
	}

	/**
	 * Return the largest latency of the given requests.
	 * @param samples the requests
	 * @return the largest latency
	 */
	static Duration maxLatency(List<Sample> samples) {
		return samples.stream().map(Sample::latency).max(Duration::compareTo).orElse(Duration.ZERO);
	}

	/**
	 * Return a latency percentile of the given requests.
	 * @param samples the requests
	 * @param percentile the percentile, 0 to 100
	 * @return the latency
	 */
	static Duration percentile(List<Sample> samples, double percentile) {
		if (samples.isEmpty()) {
			return Duration.ZERO;
		}
		List<Duration> sorted = new ArrayList<>(samples.stream().map(Sample::latency).toList());
		Collections.sort(sorted);
		int index = (int) Math.ceil(percentile / 100 * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
	}

	@Override
	public void close() throws Exception {
		this.running.set(false);
		for (Future<?> loop : this.loops) {
			loop.get(30, TimeUnit.SECONDS);
		}
		this.threads.shutdownNow();
	}

	/**
	 * One request.
	 * @param completedAt when it completed ({@link System#nanoTime()})
	 * @param latency how long it took
	 * @param status the HTTP status, {@code -1} if it failed
	 * @param body the response body
	 * @param continued whether the browser's counter went on where it left off
	 */
	record Sample(long completedAt, Duration latency, int status, String body, boolean continued) {

	}

}
