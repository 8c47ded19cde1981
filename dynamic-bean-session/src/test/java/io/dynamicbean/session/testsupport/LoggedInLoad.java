/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session.testsupport;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Logged-in browsers requesting {@code GET /counter} of {@link StoreTestApplication} in a
 * loop, each with its own session, recording every request. Bounded: stops when closed, or after
 * two minutes.
 */
public final class LoggedInLoad implements AutoCloseable {

	private static final Duration MAX_RUN = Duration.ofMinutes(2);

	private final ExecutorService threads;

	private final List<Future<?>> loops = new ArrayList<>();

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();

	private final long deadline = System.nanoTime() + MAX_RUN.toNanos();

	/**
	 * Log the browsers in, then start their loops.
	 * @param port the application's port
	 * @param browsers how many browsers
	 */
	public LoggedInLoad(int port, int browsers) {
		this.threads = Executors.newFixedThreadPool(browsers);
		for (int i = 0; i < browsers; i++) {
			Browser browser = new Browser(port);
			browser.login();
			int index = i;
			this.loops.add(this.threads.submit(() -> loop(browser, index)));
		}
	}

	private void loop(Browser browser, int index) {
		while (this.running.get() && System.nanoTime() < this.deadline) {
			long start = System.nanoTime();
			HttpResponse<String> response = browser.get("/counter");
			this.samples.add(new Sample(index, System.nanoTime(), Duration.ofNanos(System.nanoTime() - start),
					(response != null) ? response.statusCode() : -1, (response != null) ? response.body() : ""));
		}
	}

	/**
	 * Return the requests completed after the given instant ({@link System#nanoTime()}).
	 * @param since the instant
	 * @return the samples, in completion order
	 */
	public List<Sample> since(long since) {
		return this.samples.stream().filter((sample) -> sample.completedAt() - since > 0).toList();
	}

	/**
	 * Return every request completed so far.
	 * @return the samples, in completion order
	 */
	public List<Sample> samples() {
		return List.copyOf(this.samples);
	}

	/**
	 * Return whether the last few requests completed after the instant were all served from the
	 * given store.
	 * @param since the instant ({@link System#nanoTime()})
	 * @param store the store name
	 * @return {@code true} if the last five were
	 */
	public boolean lastServedFrom(long since, String store) {
		List<Sample> recent = since(since);
		return recent.size() >= 5
				&& recent.subList(recent.size() - 5, recent.size()).stream().allMatch((s) -> store.equals(s.store()));
	}

	/**
	 * Assert that every request succeeded for the logged-in user and that no browser's counter
	 * ever started again: no login and no session was lost.
	 */
	public void assertNoLoginOrSessionLost() {
		List<Sample> all = samples();
		assertThat(all).as("requests").isNotEmpty();
		assertThat(all).filteredOn((sample) -> sample.status() != 200 || !sample.body().startsWith("alice:"))
			.as("requests that failed or were not logged in, out of %d", all.size())
			.isEmpty();
		List<Sample> restarted = new ArrayList<>();
		for (int browser = 0; browser < this.loops.size(); browser++) {
			int last = 0;
			for (Sample sample : all) {
				if (sample.browser() == browser) {
					if (sample.count() <= 1 && last > 0) {
						restarted.add(sample);
					}
					last = sample.count();
				}
			}
		}
		assertThat(restarted).as("requests whose session counter started again").isEmpty();
	}

	/**
	 * Return the largest latency of the given requests.
	 * @param samples the requests
	 * @return the largest latency
	 */
	public static Duration maxLatency(List<Sample> samples) {
		return samples.stream().map(Sample::latency).max(Duration::compareTo).orElse(Duration.ZERO);
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
	 * @param browser which browser
	 * @param completedAt when it completed ({@link System#nanoTime()})
	 * @param latency how long it took
	 * @param status the HTTP status, -1 if it failed
	 * @param body the body, {@code user:count:store} when it succeeded
	 */
	public record Sample(int browser, long completedAt, Duration latency, int status, String body) {

		int count() {
			String[] parts = this.body.split(":");
			return (parts.length == 3) ? Integer.parseInt(parts[1]) : 0;
		}

		String store() {
			String[] parts = this.body.split(":");
			return (parts.length == 3) ? parts[2] : "";
		}

	}

	/**
	 * A browser: one cookie jar, no redirects followed.
	 */
	public static final class Browser {

		private final String baseUrl;

		private final HttpClient http;

		/**
		 * Create a browser of the application on the given port.
		 * @param port the port
		 */
		public Browser(int port) {
			this.baseUrl = "http://127.0.0.1:" + port;
			this.http = HttpClient.newBuilder()
				.version(HttpClient.Version.HTTP_1_1)
				.cookieHandler(new CookieManager())
				.followRedirects(HttpClient.Redirect.NEVER)
				.connectTimeout(Duration.ofSeconds(2))
				.build();
		}

		/**
		 * Log in as {@code alice}, and fail if the login is refused.
		 */
		public void login() {
			HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(this.baseUrl + "/login"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("username=alice&password=secret")));
			assertThat(response).as("login response").isNotNull();
			assertThat(response.headers().firstValue("Location")).as("redirect after login").hasValueSatisfying(
					(location) -> assertThat(location).doesNotContain("error"));
		}

		/**
		 * Send a GET.
		 * @param path the path
		 * @return the response, or {@code null} if it failed
		 */
		public HttpResponse<String> get(String path) {
			return send(HttpRequest.newBuilder(URI.create(this.baseUrl + path)).GET());
		}

		private HttpResponse<String> send(HttpRequest.Builder request) {
			try {
				return this.http.send(request.timeout(Duration.ofSeconds(10)).build(),
						HttpResponse.BodyHandlers.ofString());
			}
			catch (IOException ex) {
				return null;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return null;
			}
		}

	}

}
