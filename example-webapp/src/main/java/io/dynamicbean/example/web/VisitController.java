/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.web;

import java.time.Clock;
import java.util.regex.Pattern;

import io.dynamicbean.example.visit.Visit;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.util.Assert;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /visit} (logged in): the page remembered in the session as a {@link Visit}, a value
 * of the application's own class, and which instance answered; {@code GET /visit?page=NAME}
 * remembers {@code NAME} (1 to 40 letters, digits, '-' or '_'; 400 otherwise) first.
 *
 * <pre>
 * {"instance":"web-1:8080","page":"cart"}
 * </pre>
 *
 * <p>{@code page} is {@code null} when the session holds no visit, or one this release cannot
 * read (written by a release whose {@code Visit} class differs): the visit then stays in the store,
 * untouched, for the instances that can read it.
 */
@RestController
public class VisitController {

	/** The session attribute of the visit. */
	public static final String ATTRIBUTE = "example.visit";

	private static final Pattern PAGE = Pattern.compile("[A-Za-z0-9_-]{1,40}");

	private final InstanceId instanceId;

	private final Clock clock = Clock.systemUTC();

	/**
	 * Create the controller.
	 * @param instanceId the id of this instance, not {@code null}
	 */
	public VisitController(InstanceId instanceId) {
		Assert.notNull(instanceId, "instanceId must not be null");
		this.instanceId = instanceId;
	}

	/**
	 * Remember a page if given, and describe the visit of the session.
	 * @param session the session
	 * @param page the page to remember, or {@code null}
	 * @return the visit
	 */
	@GetMapping("/visit")
	public VisitView visit(HttpSession session, @RequestParam(required = false) @Nullable String page) {
		if (page != null) {
			if (!PAGE.matcher(page).matches()) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "page must be 1 to 40 letters, digits, '-' or '_'");
			}
			session.setAttribute(ATTRIBUTE, new Visit(page, this.clock.instant()));
		}
		Visit visit = (Visit) session.getAttribute(ATTRIBUTE);
		return new VisitView(this.instanceId.get(), (visit != null) ? visit.getPage() : null);
	}

	/**
	 * The answer of {@code GET /visit}.
	 * @param instance the instance that answered
	 * @param page the page remembered, or {@code null} when none can be read
	 */
	public record VisitView(String instance, @Nullable String page) {
	}

}
