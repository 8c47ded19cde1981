/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.dynamicbean.example.web.SessionView;
import org.jspecify.annotations.Nullable;

/**
 * Steady traffic from one logged-in client: {@code GET /session} every few milliseconds on a
 * thread of its own, every answer recorded. Bounded: it stops by itself after a maximum number of
 * requests or a maximum time, whichever comes first.
 */
public final class TrafficLoop implements AutoCloseable {

	private final WebClient client;

	private final int maxRequests;

	private final Instant deadline;

	private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "traffic-loop");
		thread.setDaemon(true);
		return thread;
	});

	private final List<Exchange> exchanges = new ArrayList<>();

	private TrafficLoop(WebClient client, Duration interval, int maxRequests, Duration maxDuration) {
		this.client = client;
		this.maxRequests = maxRequests;
		this.deadline = Instant.now().plus(maxDuration);
		this.executor.scheduleWithFixedDelay(this::once, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Start sending requests.
	 * @param client a logged-in client
	 * @param interval the pause between two requests
	 * @param maxRequests the most requests to send
	 * @param maxDuration the longest time to run
	 * @return the running loop
	 */
	public static TrafficLoop start(WebClient client, Duration interval, int maxRequests, Duration maxDuration) {
		return new TrafficLoop(client, interval, maxRequests, maxDuration);
	}

	private void once() {
		if (count() >= this.maxRequests || Instant.now().isAfter(this.deadline)) {
			this.executor.shutdown();
			return;
		}
		Instant start = Instant.now();
		WebClient.Response response = this.client.get("/session");
		SessionView view = (response.status() == 200) ? response.sessionView() : null;
		synchronized (this.exchanges) {
			this.exchanges.add(new Exchange(start, Duration.between(start, Instant.now()), response.status(), view,
					(view == null) ? response.body() : ""));
		}
	}

	/**
	 * Return how many requests have been answered.
	 * @return the count
	 */
	public int count() {
		synchronized (this.exchanges) {
			return this.exchanges.size();
		}
	}

	/**
	 * Return every exchange so far, oldest first.
	 * @return a copy
	 */
	public List<Exchange> exchanges() {
		synchronized (this.exchanges) {
			return List.copyOf(this.exchanges);
		}
	}

	/**
	 * Return the exchanges started at or after an instant.
	 * @param since the instant
	 * @return a copy
	 */
	public List<Exchange> since(Instant since) {
		return exchanges().stream().filter((exchange) -> !exchange.start().isBefore(since)).toList();
	}

	/**
	 * Return the last exchanges.
	 * @param count how many
	 * @return up to that many, oldest first
	 */
	public List<Exchange> last(int count) {
		List<Exchange> all = exchanges();
		return all.subList(Math.max(0, all.size() - count), all.size());
	}

	/**
	 * Whether the loop still sends requests.
	 * @return {@code true} until it stopped by itself or was closed
	 */
	public boolean isRunning() {
		return !this.executor.isShutdown();
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
		try {
			this.executor.awaitTermination(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * One request and its answer.
	 *
	 * @param start when it was sent
	 * @param duration how long the answer took
	 * @param status the HTTP status, {@code -1} if the request failed
	 * @param session the answer, {@code null} unless the status is 200
	 * @param error the body or error of a failed request, empty otherwise
	 */
	public record Exchange(Instant start, Duration duration, int status, @Nullable SessionView session, String error) {

		/**
		 * Return the instance that answered.
		 * @return the instance id, or {@code "?"} for a failed request
		 */
		public String instance() {
			return (this.session != null) ? this.session.instance() : "?";
		}

		/**
		 * Return the store the session was in.
		 * @return the store, or {@code "?"} for a failed request
		 */
		public String store() {
			return (this.session != null) ? this.session.store() : "?";
		}

	}

}
