/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.monitor;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.Assert;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The L7 health check of the load balancer.
 *
 * <ul>
 * <li>{@code GET /monitor/l7check}: {@code 200 UP} while this instance should receive traffic,
 * {@code 503 DOWN} otherwise (also while it is starting);</li>
 * <li>{@code PUT /monitor/l7check} with a {@code text/plain} body {@code UP} or {@code DOWN}: sets
 * it, for clients the {@link L7CheckAccessPolicy} allows; {@code 403} for everyone else, checked
 * before anything else about the request; {@code 415} for another content type, {@code 400} for
 * another body. Every change and every refusal is logged with the client's address.</li>
 * </ul>
 */
@RestController
@RequestMapping(L7CheckController.PATH)
public class L7CheckController {

	/**
	 * The path of the check.
	 */
	public static final String PATH = "/monitor/l7check";

	private static final String UP = "UP";

	private static final String DOWN = "DOWN";

	private static final Log logger = LogFactory.getLog(L7CheckController.class);

	private final L7CheckState state;

	private final L7CheckAccessPolicy accessPolicy;

	/**
	 * Create the controller.
	 * @param state the state to report and change, not {@code null}
	 * @param accessPolicy who may change it, not {@code null}
	 */
	public L7CheckController(L7CheckState state, L7CheckAccessPolicy accessPolicy) {
		Assert.notNull(state, "state must not be null");
		Assert.notNull(accessPolicy, "accessPolicy must not be null");
		this.state = state;
		this.accessPolicy = accessPolicy;
	}

	/**
	 * Answer the check.
	 * @return {@code 200 UP} or {@code 503 DOWN}
	 */
	@GetMapping
	public ResponseEntity<String> check() {
		return answer(this.state.isUp());
	}

	/**
	 * Change the check.
	 * @param body {@code UP} or {@code DOWN}, surrounding white space ignored
	 * @param request the request, for the access decision
	 * @return the new state, or {@code 403}, {@code 415} or {@code 400}
	 */
	@PutMapping
	public ResponseEntity<String> change(@RequestBody(required = false) @Nullable String body,
			HttpServletRequest request) {
		L7CheckAccessPolicy.Decision decision = this.accessPolicy.decide(request);
		String who = describe(decision, request);
		if (!decision.allowed()) {
			logger.warn("Refused to change the L7 check for " + who + ": " + decision.reason());
			return plain(HttpStatus.FORBIDDEN, "Forbidden");
		}
		if (!isPlainText(request.getContentType())) {
			logger.warn("Refused to change the L7 check for " + who + ": content type is not text/plain");
			return plain(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send the body UP or DOWN as text/plain");
		}
		String wanted = (body != null) ? body.trim() : "";
		if (!UP.equals(wanted) && !DOWN.equals(wanted)) {
			logger.warn("Refused to change the L7 check for " + who + ": body is not UP or DOWN");
			return plain(HttpStatus.BAD_REQUEST, "The body must be UP or DOWN");
		}
		boolean up = UP.equals(wanted);
		boolean wasUp = this.state.setUp(up);
		logger.warn("L7 check " + ((up != wasUp) ? "changed from " + name(wasUp) + " to " + wanted
				: "set to " + wanted + " (unchanged)") + " by " + who);
		return answer(this.state.isUp());
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

	private static String describe(L7CheckAccessPolicy.Decision decision, HttpServletRequest request) {
		String client = printable(decision.client());
		String peer = request.getRemoteAddr();
		return client.equals(peer) ? client : client + " (peer " + peer + ")";
	}

	/** The client address may come from a forwarded header: keep the log line one clean line. */
	private static String printable(String text) {
		String shortened = (text.length() > 64) ? text.substring(0, 64) + "..." : text;
		return shortened.replaceAll("[^\\x21-\\x7E]", "?");
	}

	private static String name(boolean up) {
		return up ? UP : DOWN;
	}

	private static ResponseEntity<String> answer(boolean up) {
		return ResponseEntity.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
			.cacheControl(CacheControl.noStore())
			.contentType(MediaType.TEXT_PLAIN)
			.body(name(up));
	}

	private static ResponseEntity<String> plain(HttpStatus status, String body) {
		return ResponseEntity.status(status).contentType(MediaType.TEXT_PLAIN).body(body);
	}

}
