/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.testsupport;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.dynamicbean.example.web.SessionView;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser-like HTTP client with a cookie jar, that repeats a request answered {@code 307} or
 * {@code 308} at its new location (as browsers do, and unlike other redirects), logs in through the standard form (fields
 * {@code username}, {@code password}, {@code _csrf}) and reads {@code /session}.
 */
public final class WebClient {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private static final Pattern CSRF_INPUT = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*>");

	private static final Pattern VALUE = Pattern.compile("value=\"([^\"]+)\"");

	private static final String SESSION_COOKIE = "SESSION";

	private static final int MAX_REPEATS = 3;

	private static final JsonMapper json = JsonMapper.builder().build();

	private final URI base;

	private final CookieManager cookies;

	private final HttpClient http;

	private final AtomicInteger repeats = new AtomicInteger();

	/**
	 * Create a client of a site.
	 * @param base the site, such as {@code http://127.0.0.1:8080}
	 */
	public WebClient(URI base) {
		this(base, new CookieManager());
	}

	private WebClient(URI base, CookieManager cookies) {
		this(base, cookies, HttpClient.newBuilder()
			.cookieHandler(cookies)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(TIMEOUT)
			.build());
	}

	private WebClient(URI base, CookieManager cookies, HttpClient http) {
		this.base = base;
		this.cookies = cookies;
		this.http = http;
	}

	/**
	 * Return a new client of a site holding nothing but the given session cookie, as a replayed
	 * (stolen or stale) cookie would arrive.
	 * @param base the site
	 * @param sessionCookie the value of the {@code SESSION} cookie
	 * @return the client
	 */
	public static WebClient withSessionCookie(URI base, String sessionCookie) {
		WebClient client = new WebClient(base);
		HttpCookie cookie = new HttpCookie(SESSION_COOKIE, sessionCookie);
		cookie.setPath("/");
		cookie.setVersion(0);
		client.cookies.getCookieStore().add(base, cookie);
		return client;
	}

	/**
	 * Return the value of this client's {@code SESSION} cookie.
	 * @return the value, or {@code null} if it holds none
	 */
	public @Nullable String sessionCookie() {
		return this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter((cookie) -> SESSION_COOKIE.equals(cookie.getName()))
			.map(HttpCookie::getValue)
			.findFirst()
			.orElse(null);
	}

	/**
	 * Return how many requests this client repeated after a {@code 307} or {@code 308}.
	 * @return the count
	 */
	public int repeats() {
		return this.repeats.get();
	}

	/**
	 * Return a client of another site on the same host that shares this client's cookies, as a
	 * browser would (cookies do not depend on the port): the same session on another instance.
	 * @param otherBase the other site
	 * @return the client
	 */
	public WebClient at(URI otherBase) {
		return new WebClient(otherBase, this.cookies, this.http);
	}

	/**
	 * Answer the status of an anonymous {@code GET}, or {@code -1} if the request failed.
	 * @param uri the address
	 * @return the status
	 */
	public static int status(URI uri) {
		try {
			return HttpClient.newBuilder().connectTimeout(TIMEOUT).build()
				.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.discarding())
				.statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	/**
	 * Log in through the form at {@code /login}.
	 * @param username the user name
	 * @param password the password
	 * @return this client
	 */
	public WebClient login(String username, String password) {
		Response page = get("/login");
		assertThat(page.status()).as("GET /login").isEqualTo(200);
		String form = "username=" + encode(username) + "&password=" + encode(password) + "&_csrf="
				+ encode(csrfToken(page));
		Response login = send(HttpRequest.newBuilder(this.base.resolve("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)));
		assertThat(login.status()).as("POST /login").isEqualTo(302);
		assertThat(login.location()).as("redirect after login").doesNotContain("error");
		return this;
	}

	/**
	 * Log out through the form of the home page.
	 * @return the response to {@code POST /logout}
	 */
	/**
	 * Open the login page, as a browser does before it can post the form.
	 * @return the CSRF token of the form
	 */
	public String loginPageCsrfToken() {
		Response page = get("/login");
		assertThat(page.status()).as("GET /login").isEqualTo(200);
		return csrfToken(page);
	}

	/**
	 * Post the login form, whatever the outcome.
	 * @param username the user name
	 * @param password the password
	 * @param csrfToken the token of the login page
	 * @return the answer: a redirect to {@code /} or to {@code /login?error}
	 */
	public Response postLogin(String username, String password, String csrfToken) {
		String form = "username=" + encode(username) + "&password=" + encode(password) + "&_csrf=" + encode(csrfToken);
		return send(HttpRequest.newBuilder(this.base.resolve("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)));
	}

	/**
	 * Post a form holding only the CSRF token, as the home page's buttons do.
	 * @param path the action
	 * @param csrfToken the token of the home page
	 * @return the answer
	 */
	public Response postForm(String path, String csrfToken) {
		return send(HttpRequest.newBuilder(this.base.resolve(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("_csrf=" + encode(csrfToken))));
	}

	public Response logout() {
		return logout(homePageCsrfToken());
	}

	/**
	 * Read the CSRF token of the logout form of the home page.
	 * @return the token
	 */
	public String homePageCsrfToken() {
		Response page = get("/");
		assertThat(page.status()).as("GET / answered %s", page.body()).isEqualTo(200);
		return csrfToken(page);
	}

	/**
	 * Log out with a CSRF token read before.
	 * @param csrfToken the token of the logout form
	 * @return the response to {@code POST /logout}
	 */
	public Response logout(String csrfToken) {
		String form = "_csrf=" + encode(csrfToken);
		return send(HttpRequest.newBuilder(this.base.resolve("/logout"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)));
	}

	private static String csrfToken(Response page) {
		Matcher input = CSRF_INPUT.matcher(page.body());
		assertThat(input.find()).as("a _csrf field in the page:\n%s", page.body()).isTrue();
		Matcher value = VALUE.matcher(input.group());
		assertThat(value.find()).as("the value of the _csrf field").isTrue();
		return value.group(1);
	}

	/**
	 * Call {@code GET /session} and read its answer.
	 * @return the session, as the instance that answered describes it
	 */
	public SessionView session() {
		Response response = get("/session");
		assertThat(response.status()).as("GET /session answered %s", response.body()).isEqualTo(200);
		return json.readValue(response.body(), SessionView.class);
	}

	/**
	 * Send a {@code GET}.
	 * @param path the path
	 * @return the response
	 */
	public Response get(String path) {
		return send(HttpRequest.newBuilder(this.base.resolve(path)).GET());
	}

	/**
	 * Send a {@code PUT} with a text body.
	 * @param path the path
	 * @param body the body
	 * @return the response
	 */
	public Response putText(String path, String body) {
		return send(HttpRequest.newBuilder(this.base.resolve(path))
			.header("Content-Type", "text/plain")
			.PUT(HttpRequest.BodyPublishers.ofString(body)));
	}

	/**
	 * Send a request; follow a {@code 307} or {@code 308} (same method, same body) as a browser
	 * does, at most {@value #MAX_REPEATS} times, and answer any other status as it is.
	 */
	private Response send(HttpRequest.Builder builder) {
		try {
			HttpRequest request = builder.timeout(TIMEOUT).build();
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			for (int repeat = 0; repeat < MAX_REPEATS && isRepeat(response); repeat++) {
				URI target = request.uri().resolve(response.headers().firstValue("Location").orElseThrow());
				request = HttpRequest.newBuilder(request, (name, value) -> true).uri(target).build();
				this.repeats.incrementAndGet();
				response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			}
			return new Response(response.statusCode(), response.body(),
					response.headers().firstValue("Location").orElse(""));
		}
		catch (IOException ex) {
			return new Response(-1, ex.toString(), "");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Response(-1, ex.toString(), "");
		}
	}

	private static boolean isRepeat(HttpResponse<?> response) {
		return (response.statusCode() == 307 || response.statusCode() == 308)
				&& response.headers().firstValue("Location").isPresent();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/**
	 * A response; status {@code -1} when the request itself failed.
	 *
	 * @param status the HTTP status
	 * @param body the body
	 * @param location the Location header, empty if none
	 */
	public record Response(int status, String body, String location) {

		/**
		 * Read the body as a {@code /session} answer.
		 * @return the session
		 */
		public SessionView sessionView() {
			return json.readValue(this.body, SessionView.class);
		}

	}

}
