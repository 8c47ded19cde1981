/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.l7check;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.Assert;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The L7 health check of the load balancer, as Spring MVC handler functions.
 *
 * <ul>
 * <li>{@code GET} (and {@code HEAD}): {@code 200 UP} while this instance should receive traffic,
 * {@code 503 DOWN} otherwise (also while it is starting), see {@link L7CheckState};</li>
 * <li>{@code PUT} with a {@code text/plain} body {@code UP} or {@code DOWN}: sets it, for clients
 * the {@link L7CheckAccessPolicy} allows; {@code 403} for everyone else, decided before anything
 * else about the request is read; then {@code 415} for another content type and {@code 400} for
 * another body (at most {@value #MAX_BODY_LENGTH} bytes are read);</li>
 * <li>{@code OPTIONS}: {@code 200}, any other method: {@code 405}, with the {@code Allow} header.</li>
 * </ul>
 * Where the check is read-only (the main port, when {@code PUT} is served on the management port),
 * {@link #readOnly(ServerRequest)} answers every method but {@code GET} and {@code HEAD}.
 * Every change and every refusal is logged at WARN with the client's address.
 */
public class L7CheckHandler {

	/**
	 * The body of the check while this instance should receive traffic.
	 */
	public static final String UP = "UP";

	/**
	 * The body of the check while it should not.
	 */
	public static final String DOWN = "DOWN";

	/**
	 * The longest {@code PUT} body read, in bytes; a longer one is refused with {@code 400}.
	 */
	public static final int MAX_BODY_LENGTH = 64;

	private static final Log logger = LogFactory.getLog(L7CheckHandler.class);

	private final L7CheckState state;

	private final L7CheckAccessPolicy accessPolicy;

	/**
	 * Create the handler.
	 * @param state the state to report and change, not {@code null}
	 * @param accessPolicy who may change it, not {@code null}
	 */
	public L7CheckHandler(L7CheckState state, L7CheckAccessPolicy accessPolicy) {
		Assert.notNull(state, "state must not be null");
		Assert.notNull(accessPolicy, "accessPolicy must not be null");
		this.state = state;
		this.accessPolicy = accessPolicy;
	}

	/**
	 * Answer the check.
	 * @param request the request
	 * @return {@code 200 UP} or {@code 503 DOWN}
	 */
	public ServerResponse check(ServerRequest request) {
		return answer(this.state.isUp());
	}

	/**
	 * Change the check.
	 * @param request the request, with the body {@code UP} or {@code DOWN} (surrounding white space
	 * ignored)
	 * @return the new state as {@link #check(ServerRequest)} answers it, or {@code 403},
	 * {@code 415} or {@code 400}
	 * @throws IOException if the body cannot be read
	 */
	public ServerResponse change(ServerRequest request) throws IOException {
		HttpServletRequest servletRequest = request.servletRequest();
		L7CheckAccessPolicy.Decision decision = this.accessPolicy.decide(servletRequest);
		String who = printable(decision.client());
		if (!decision.allowed()) {
			return refuse(HttpStatus.FORBIDDEN, "Forbidden", who, decision.reason());
		}
		if (!isPlainText(servletRequest.getContentType())) {
			return refuse(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send the body UP or DOWN as text/plain", who,
					"content type is not text/plain");
		}
		String wanted = readBody(servletRequest);
		if (!UP.equals(wanted) && !DOWN.equals(wanted)) {
			return refuse(HttpStatus.BAD_REQUEST, "The body must be UP or DOWN", who, "body is not UP or DOWN");
		}
		boolean up = UP.equals(wanted);
		boolean wasUp = this.state.setUp(up);
		logger.warn("L7 check " + ((up != wasUp) ? "changed from " + name(wasUp) + " to " + wanted
				: "set to " + wanted + " (unchanged)") + " by " + who);
		return answer(this.state.isUp());
	}

	/**
	 * Answer any other method.
	 * @param request the request
	 * @return {@code 200} for {@code OPTIONS}, {@code 405} otherwise, both allowing {@code GET},
	 * {@code HEAD} and {@code PUT}
	 */
	public ServerResponse otherMethod(ServerRequest request) {
		boolean options = HttpMethod.OPTIONS.equals(request.method());
		return ServerResponse.status(options ? HttpStatus.OK : HttpStatus.METHOD_NOT_ALLOWED)
			.allow(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.PUT)
			.contentType(MediaType.TEXT_PLAIN)
			.body("GET, HEAD or PUT");
	}

	/**
	 * Answer any method but {@code GET} and {@code HEAD} where the check cannot be changed: on the
	 * main port when {@code PUT} is served on the management port only. A refused {@code PUT} is
	 * logged at WARN.
	 * @param request the request
	 * @return {@code 200} for {@code OPTIONS}, {@code 405} otherwise, both allowing {@code GET} and
	 * {@code HEAD} only
	 */
	public ServerResponse readOnly(ServerRequest request) {
		boolean options = HttpMethod.OPTIONS.equals(request.method());
		if (HttpMethod.PUT.equals(request.method())) {
			logger.warn("Refused to change the L7 check for " + printable(String.valueOf(request.servletRequest()
				.getRemoteAddr())) + ": PUT is served on the management port only "
					+ "(dynamic-bean.l7check.change-port=management)");
		}
		return ServerResponse.status(options ? HttpStatus.OK : HttpStatus.METHOD_NOT_ALLOWED)
			.allow(HttpMethod.GET, HttpMethod.HEAD)
			.cacheControl(CacheControl.noStore())
			.contentType(MediaType.TEXT_PLAIN)
			.body(options ? "GET or HEAD" : "GET or HEAD; PUT on the management port");
	}

	private static boolean isPlainText(@Nullable String contentType) {
		if (contentType == null) {
			return true;
		}
		try {
			return MediaType.TEXT_PLAIN.includes(MediaType.parseMediaType(contentType));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/**
	 * Read at most one byte more than allowed, so that a longer body is refused without being read.
	 */
	private static String readBody(HttpServletRequest request) throws IOException {
		InputStream body = request.getInputStream();
		byte[] bytes = body.readNBytes(MAX_BODY_LENGTH + 1);
		return (bytes.length > MAX_BODY_LENGTH) ? "" : new String(bytes, StandardCharsets.UTF_8).trim();
	}

	private static ServerResponse refuse(HttpStatus status, String body, String who, String reason) {
		logger.warn("Refused to change the L7 check for " + who + ": " + reason);
		return ServerResponse.status(status)
			.cacheControl(CacheControl.noStore())
			.contentType(MediaType.TEXT_PLAIN)
			.body(body);
	}

	/**
	 * With a trusted proxy, the client address comes from a header: keep the log line one clean line.
	 */
	private static String printable(String text) {
		String shortened = (text.length() > 64) ? text.substring(0, 64) + "..." : text;
		return shortened.replaceAll("[^\\x21-\\x7E]", "?");
	}

	private static String name(boolean up) {
		return up ? UP : DOWN;
	}

	private static ServerResponse answer(boolean up) {
		return ServerResponse.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
			.cacheControl(CacheControl.noStore())
			.contentType(MediaType.TEXT_PLAIN)
			.body(name(up));
	}

}
