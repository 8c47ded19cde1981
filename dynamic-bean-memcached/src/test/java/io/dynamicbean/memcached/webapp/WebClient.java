/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.webapp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

/**
 * A browser for the tests: one cookie jar, no redirects followed, and the session id read from
 * Spring Session's {@code SESSION} cookie.
 */
public final class WebClient {

	private final String baseUrl;

	private final CookieManager cookies = new CookieManager();

	private final HttpClient http;

	public WebClient(int port) {
		this.baseUrl = "http://127.0.0.1:" + port;
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.cookieHandler(this.cookies)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(2))
			.build();
	}

	public HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(URI.create(this.baseUrl + path)).GET());
	}

	public HttpResponse<String> post(String path, String form) {
		return send(HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)));
	}

	public HttpResponse<String> login(String username, String password) {
		return post("/login", "username=" + username + "&password=" + password);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return the id of this browser's session.
	 * @return the id, or {@code null} if it has no session cookie
	 */
	public @Nullable String sessionId() {
		return this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter((cookie) -> cookie.getName().equals("SESSION"))
			.map(HttpCookie::getValue)
			.map((value) -> new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8))
			.findFirst()
			.orElse(null);
	}

	/**
	 * Present the given session id from now on, as a forged or copied cookie would.
	 * @param sessionId the session id
	 */
	public void useSessionId(String sessionId) {
		HttpCookie cookie = new HttpCookie("SESSION",
				Base64.getEncoder().encodeToString(sessionId.getBytes(StandardCharsets.UTF_8)));
		cookie.setPath("/");
		cookie.setDomain("127.0.0.1");
		cookie.setVersion(0);
		this.cookies.getCookieStore().removeAll();
		this.cookies.getCookieStore().add(URI.create(this.baseUrl), cookie);
	}

}
