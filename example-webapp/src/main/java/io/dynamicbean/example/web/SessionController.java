/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.web;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.util.Assert;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /session} (logged in): which instance answered, the session id, where the session
 * lives and a counter kept in it, incremented on each call. Behind a load balancer, consecutive
 * calls show different instances but the same session and a counter that keeps counting.
 *
 * <pre>
 * {"instance":"web-1:8080","sessionId":"5e1f...","store":"memcached","counter":3,"notes":[]}
 * </pre>
 *
 * <p>{@code GET /session?note=NAME} also sets the note {@code NAME} (1 to 40 letters, digits, '-'
 * or '_'; 400 otherwise) as an attribute of its own: parallel calls with different notes show that
 * every request's change is kept.
 */
@RestController
public class SessionController {

	private final SessionViews sessionViews;

	/**
	 * Create the controller.
	 * @param sessionViews reads the session, not {@code null}
	 */
	public SessionController(SessionViews sessionViews) {
		Assert.notNull(sessionViews, "sessionViews must not be null");
		this.sessionViews = sessionViews;
	}

	/**
	 * Count this call in the session and describe it.
	 * @param request the current request
	 * @return the session
	 */
	@GetMapping("/session")
	public SessionView session(HttpServletRequest request, @RequestParam(required = false) @Nullable String note) {
		return this.sessionViews.count(request, note);
	}

	/**
	 * A malformed note name is the client's mistake.
	 * @param ex the refusal
	 * @return its message
	 */
	@ExceptionHandler(SessionViews.InvalidNoteException.class)
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	public String badNote(SessionViews.InvalidNoteException ex) {
		return ex.getMessage();
	}

}
