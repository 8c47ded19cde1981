/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.bench;

import java.util.Collections;

import jakarta.servlet.http.HttpSession;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Benchmark-only endpoint (logged in, like every page of the example) that pads the session, so
 * that {@code bench/overhead.sh} can measure how a request's cost grows with the session:
 * {@code GET /bench/pad?attributes=N&bytes=B} sets N string attributes
 * ({@value #ATTRIBUTE_PREFIX}{@code 0} to {@code N-1}) of {@code B / N} ASCII characters each,
 * and removes the padding attributes a previous call set beyond N.
 *
 * <p>{@code GET /bench/pad/counter} is the request measured on a padded session: it reads every
 * attribute of the session (the padding, the login, the counter...) and changes exactly one, the
 * counter of {@link BenchCounterController}, as an application that uses its whole session on
 * every request would. ({@code GET /bench/counter} reads only the counter: a store that decodes
 * values when they are asked for would never decode the padding there.)
 *
 * <p>At most {@value #MAX_ATTRIBUTES} attributes and {@value #MAX_BYTES} bytes, so that a session
 * stays within memcached's default item size; more answers 400.
 */
@RestController
public class BenchPaddingController {

	/**
	 * The path of the endpoint.
	 */
	public static final String PATH = "/bench/pad";

	/**
	 * The prefix of the padding attributes' names.
	 */
	public static final String ATTRIBUTE_PREFIX = "example.bench.pad.";

	/**
	 * The path of the counter that reads every attribute of the session.
	 */
	public static final String COUNTER_PATH = PATH + "/counter";

	/** The most attributes one call sets. */
	public static final int MAX_ATTRIBUTES = 1000;

	/** The most bytes one call sets, over all its attributes. */
	public static final int MAX_BYTES = 900_000;

	/**
	 * Pad the session.
	 * @param session the current session
	 * @param attributes how many attributes to set, 0 to {@value #MAX_ATTRIBUTES}
	 * @param bytes how many characters to set over all of them, 0 to {@value #MAX_BYTES}
	 * @return what was set, or 400 when a parameter is out of range
	 */
	@GetMapping(path = PATH, produces = MediaType.TEXT_PLAIN_VALUE)
	public ResponseEntity<String> pad(HttpSession session, @RequestParam int attributes, @RequestParam int bytes) {
		if (attributes < 0 || attributes > MAX_ATTRIBUTES || bytes < 0 || bytes > MAX_BYTES) {
			return ResponseEntity.badRequest()
				.body("attributes must be 0 to " + MAX_ATTRIBUTES + " and bytes 0 to " + MAX_BYTES + "\n");
		}
		int each = (attributes > 0) ? bytes / attributes : 0;
		for (int i = 0; i < attributes; i++) {
			session.setAttribute(ATTRIBUTE_PREFIX + i, value(i, each));
		}
		for (int i = attributes; session.getAttribute(ATTRIBUTE_PREFIX + i) != null; i++) {
			session.removeAttribute(ATTRIBUTE_PREFIX + i);
		}
		return ResponseEntity.ok(attributes + " attributes of " + each + " bytes\n");
	}

	/**
	 * Read every attribute of the session, then add one to its counter: one attribute changed, all
	 * of them read.
	 * @param session the current session
	 * @return the counter after this call and the characters of string attributes read, as
	 * {@code "<counter> <characters>"}
	 */
	@GetMapping(path = COUNTER_PATH, produces = MediaType.TEXT_PLAIN_VALUE)
	public String counter(HttpSession session) {
		long characters = 0;
		for (String name : Collections.list(session.getAttributeNames())) {
			if (session.getAttribute(name) instanceof String value) {
				characters += value.length();
			}
		}
		long counter = ((session.getAttribute(BenchCounterController.COUNTER_ATTRIBUTE) instanceof Long value) ? value
				: 0L) + 1;
		session.setAttribute(BenchCounterController.COUNTER_ATTRIBUTE, counter);
		return counter + " " + characters;
	}

	/**
	 * A value of exactly {@code length} ASCII characters, different for each attribute.
	 */
	private static String value(int index, int length) {
		StringBuilder value = new StringBuilder(length);
		String seed = index + "-";
		while (value.length() < length) {
			value.append(seed);
		}
		value.setLength(length);
		return value.toString();
	}

}
