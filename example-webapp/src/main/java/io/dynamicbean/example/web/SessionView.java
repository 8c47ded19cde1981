/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.web;

import java.util.List;

/**
 * What {@code GET /session} answers.
 *
 * @param instance the id of the instance that served the request
 * @param sessionId the id of the HTTP session
 * @param store where the session lives now: {@code local}, {@code memcached}, {@code redis} or
 * {@code jdbc}; {@value SessionViews#PLAIN_SPRING_SESSION_STORE} in the benchmark-only
 * {@code plain-redis} profile, which has no switchable front
 * @param counter how many times {@code /session} has been called in this session, this call
 * included
 * @param notes the names of the notes set in the session by {@code GET /session?note=NAME}, sorted
 */
public record SessionView(String instance, String sessionId, String store, long counter, List<String> notes) {

}
