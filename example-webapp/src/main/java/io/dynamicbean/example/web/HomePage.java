/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.dynamicbean.DynamicBeanStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.web.util.HtmlUtils;

/**
 * The HTML of the home page: the current session and the state of every dynamic bean. Plain
 * string building with every value escaped; the example needs no template engine.
 */
final class HomePage {

	private HomePage() {
	}

	static String render(String user, SessionView session, List<DynamicBeanStatus> beans, Instant now,
			String csrfParameter, String csrfToken) {
		StringBuilder html = new StringBuilder(4096);
		html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
			.append("<title>dynamic-bean example</title>\n")
			.append("<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}")
			.append("td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}")
			.append(".ACTIVE{color:#080}.FAILED{color:#b00}.WAITING{color:#a60}</style>\n</head>\n<body>\n")
			.append("<h1>dynamic-bean example</h1>\n")
			.append("<p>Logged in as <b>").append(escape(user)).append("</b>.</p>\n")
			.append("<h2>This request</h2>\n<table>\n");
		row(html, "instance", session.instance());
		row(html, "session id", session.sessionId());
		row(html, "session store", session.store());
		row(html, "counter", Long.toString(session.counter()));
		html.append("</table>\n<p><a href=\"/\">Refresh</a> (behind the load balancer, the instance changes and "
				+ "the counter keeps counting) &middot; <a href=\"/session\">/session</a> &middot; "
				+ "<a href=\"/actuator/dynamicbeans\">/actuator/dynamicbeans</a> &middot; "
				+ "<a href=\"/actuator/health\">/actuator/health</a> &middot; "
				+ "<a href=\"/monitor/l7check\">/monitor/l7check</a></p>\n");
		html.append("<p><a href=\"/sessions/page\">Your sessions on every instance</a> (looked up in the principal "
				+ "index: not on this page, which costs the store one read and one write)</p>\n");
		beans(html, beans, now);
		html.append("<form method=\"post\" action=\"/logout\"><input type=\"hidden\" name=\"")
			.append(escape(csrfParameter))
			.append("\" value=\"")
			.append(escape(csrfToken))
			.append("\"><button type=\"submit\">Log out</button></form>\n</body>\n</html>\n");
		return html.toString();
	}

	/**
	 * Render the user's sessions on every instance, with the button that logs out the others.
	 */
	static String renderSessions(String user, List<UserSessions.UserSessionView> sessions, String csrfParameter,
			String csrfToken) {
		StringBuilder html = new StringBuilder(2048);
		html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
			.append("<title>Your sessions</title>\n")
			.append("<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}")
			.append("td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}</style>\n</head>\n<body>\n")
			.append("<h1>Sessions of ").append(escape(user)).append("</h1>\n")
			.append("<table>\n<tr><th>session</th><th>instance</th><th>store</th><th>last access</th></tr>\n");
		for (UserSessions.UserSessionView session : sessions) {
			html.append("<tr><td>")
				.append(escape(session.session()))
				.append(session.current() ? " (this one)" : "")
				.append("</td><td>")
				.append(escape(session.instance()))
				.append("</td><td>")
				.append(escape(session.store()))
				.append("</td><td>")
				.append(escape(session.lastAccess().toString()))
				.append("</td></tr>\n");
		}
		html.append("</table>\n");
		form(html, "/sessions/logout-others", "Log out my other sessions", csrfParameter, csrfToken);
		form(html, "/sessions/logout-everywhere", "Log out everywhere", csrfParameter, csrfToken);
		html.append("<p><a href=\"/\">Home</a></p>\n</body>\n</html>\n");
		return html.toString();
	}

	private static void form(StringBuilder html, String action, String label, String csrfParameter, String csrfToken) {
		html.append("<form method=\"post\" action=\"")
			.append(action)
			.append("\"><input type=\"hidden\" name=\"")
			.append(escape(csrfParameter))
			.append("\" value=\"")
			.append(escape(csrfToken))
			.append("\"><button type=\"submit\">")
			.append(label)
			.append("</button></form>\n");
	}

	private static void beans(StringBuilder html, List<DynamicBeanStatus> beans, Instant now) {
		html.append("<h2>Dynamic beans</h2>\n");
		if (beans.isEmpty()) {
			html.append("<p>None: no generator is active in this profile.</p>\n");
			return;
		}
		html.append("<table>\n<tr><th>bean</th><th>type</th><th>state</th><th>attempts</th>")
			.append("<th>since / next retry</th><th>last failure</th></tr>\n");
		for (DynamicBeanStatus bean : beans) {
			html.append("<tr><td>")
				.append(escape(bean.beanName()))
				.append("</td><td>")
				.append(escape(bean.beanType().getSimpleName()))
				.append("</td><td class=\"")
				.append(bean.state().name())
				.append("\">")
				.append(bean.state().name())
				.append("</td><td>")
				.append(bean.attempts())
				.append("</td><td>")
				.append(escape(timing(bean, now)))
				.append("</td><td>")
				.append(escape(failure(bean.lastFailure())))
				.append("</td></tr>\n");
		}
		html.append("</table>\n");
	}

	private static String timing(DynamicBeanStatus bean, Instant now) {
		if (bean.activeSince() != null) {
			return "active since " + bean.activeSince();
		}
		Instant nextRetry = bean.nextRetry();
		if (nextRetry != null) {
			return "retry in " + Math.max(0, Duration.between(now, nextRetry).toSeconds()) + " s";
		}
		return "";
	}

	private static String failure(@Nullable Throwable failure) {
		if (failure == null) {
			return "";
		}
		StringBuilder text = new StringBuilder(String.valueOf(failure.getMessage()));
		Throwable cause = failure.getCause();
		for (int depth = 0; cause != null && cause != failure && depth < 5; depth++, cause = cause.getCause()) {
			text.append("; caused by ").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
		}
		return text.toString();
	}

	private static void row(StringBuilder html, String name, String value) {
		html.append("<tr><th>").append(escape(name)).append("</th><td>").append(escape(value)).append("</td></tr>\n");
	}

	private static String escape(String text) {
		return HtmlUtils.htmlEscape(text);
	}

}
