/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.web;

import java.net.URI;
import java.security.Principal;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.util.Assert;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sessions of the logged-in user on every instance, and logging them out.
 *
 * <ul>
 * <li>{@code GET /sessions}: JSON list of the user's sessions (first characters of the id, the
 * instance that served it last, its store, last access, whether it is this one);</li>
 * <li>{@code GET /sessions/page}: the same as a page, with the two buttons below;</li>
 * <li>{@code POST /sessions/logout-others} (with the CSRF token, as the page's button sends it): ends every other session of the user, on every instance; {@code 303} back to {@code /sessions/page};</li>
 * <li>{@code POST /sessions/logout-everywhere}: ends every session of the user, this one included;
 * {@code 303} to {@code /login?logout}.</li>
 * </ul>
 */
@RestController
public class UserSessionsController {

	private final UserSessions userSessions;

	/**
	 * Create the controller.
	 * @param userSessions finds and ends the sessions, not {@code null}
	 */
	public UserSessionsController(UserSessions userSessions) {
		Assert.notNull(userSessions, "userSessions must not be null");
		this.userSessions = userSessions;
	}

	/**
	 * List the user's sessions.
	 * @param request the current request
	 * @param principal the user
	 * @return the sessions, the most recently used first
	 */
	@GetMapping("/sessions")
	public List<UserSessions.UserSessionView> sessions(HttpServletRequest request, Principal principal) {
		return this.userSessions.list(principal.getName(), request.getSession().getId());
	}

	/**
	 * Show the user's sessions as a page, with the buttons that log them out.
	 * @param request the current request
	 * @param principal the user
	 * @param csrfToken the token for the forms
	 * @return the HTML
	 */
	@GetMapping(path = "/sessions/page", produces = MediaType.TEXT_HTML_VALUE)
	public String sessionsPage(HttpServletRequest request, Principal principal, CsrfToken csrfToken) {
		return HomePage.renderSessions(principal.getName(), sessions(request, principal), csrfToken.getParameterName(),
				csrfToken.getToken());
	}

	/**
	 * End the user's other sessions.
	 * @param request the current request
	 * @param principal the user
	 * @return a redirect to the home page
	 */
	@PostMapping("/sessions/logout-others")
	public ResponseEntity<Void> logoutOthers(HttpServletRequest request, Principal principal) {
		this.userSessions.endAllBut(principal.getName(), request.getSession().getId());
		return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create("/sessions/page")).build();
	}

	/**
	 * End every session of the user, this one included.
	 * @param request the current request
	 * @param principal the user
	 * @return a redirect to the login page
	 */
	@PostMapping("/sessions/logout-everywhere")
	public ResponseEntity<Void> logoutEverywhere(HttpServletRequest request, Principal principal) {
		HttpSession current = request.getSession(false);
		this.userSessions.endAllBut(principal.getName(), (current != null) ? current.getId() : null);
		if (current != null) {
			current.invalidate();
		}
		return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create("/login?logout")).build();
	}

}
