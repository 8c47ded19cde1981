/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.visit;

import java.io.Serializable;
import java.time.Instant;

import org.springframework.util.Assert;

/**
 * The page a user asked the application to remember, kept in the session: a session value of
 * the application's own class, on the deserialization allow-list through
 * {@code dynamic-bean.session.serialization.allowed-packages}. A release that changes this class
 * (another {@code serialVersionUID}) cannot read the values an earlier release wrote: it serves
 * the session without the visit, and the visit stays in the store for the instances that can.
 */
public final class Visit implements Serializable {

	private static final long serialVersionUID = 1L;

	private final String page;

	private final Instant at;

	/**
	 * Create a visit.
	 * @param page the page, not empty
	 * @param at when it was remembered, not {@code null}
	 */
	public Visit(String page, Instant at) {
		Assert.hasText(page, "page must not be empty");
		Assert.notNull(at, "at must not be null");
		this.page = page;
		this.at = at;
	}

	/**
	 * Return the page.
	 * @return the page
	 */
	public String getPage() {
		return this.page;
	}

	/**
	 * Return when the page was remembered.
	 * @return the time
	 */
	public Instant getAt() {
		return this.at;
	}

}
