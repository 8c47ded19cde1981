/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.web;

import java.security.Principal;
import java.time.Clock;

import io.dynamicbean.DynamicBeanFactory;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.util.Assert;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The home page ({@code GET /}, logged in), for a person trying the example in a browser: the
 * same as {@code /session} (this view counts too), plus the state of every dynamic bean, its last
 * failure and its next retry.
 */
@RestController
public class HomeController {

	private final SessionViews sessionViews;

	private final DynamicBeanFactory dynamicBeanFactory;

	private final Clock clock = Clock.systemUTC();

	/**
	 * Create the controller.
	 * @param sessionViews reads the session, not {@code null}
	 * @param dynamicBeanFactory reports the dynamic beans, not {@code null}
	 */
	public HomeController(SessionViews sessionViews, DynamicBeanFactory dynamicBeanFactory) {
		Assert.notNull(sessionViews, "sessionViews must not be null");
		Assert.notNull(dynamicBeanFactory, "dynamicBeanFactory must not be null");
		this.sessionViews = sessionViews;
		this.dynamicBeanFactory = dynamicBeanFactory;
	}

	/**
	 * Render the home page.
	 * @param request the current request
	 * @param principal the logged-in user
	 * @param csrfToken the CSRF token, for the log-out form
	 * @return the page
	 */
	@GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
	public String home(HttpServletRequest request, Principal principal, CsrfToken csrfToken) {
		return HomePage.render(principal.getName(), this.sessionViews.count(request),
				this.dynamicBeanFactory.getStatuses(), this.clock.instant(), csrfToken.getParameterName(),
				csrfToken.getToken());
	}

}
