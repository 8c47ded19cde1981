/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.l7check.support;

import org.jspecify.annotations.Nullable;

/**
 * Whether a request URI, as the client spelled it ({@code HttpServletRequest.getRequestURI()}),
 * is already in the form that Tomcat and Spring route on: no percent-encoding, no path parameter
 * ({@code ;}), no empty ({@code //}), {@code .} or {@code ..} segment, no backslash and no trailing
 * slash. A proxy rule written for {@code /monitor/l7check} sees exactly such a path; any other
 * spelling that still reaches the check has passed a proxy that did not recognise it.
 */
public final class CanonicalPath {

	private CanonicalPath() {
	}

	/**
	 * Whether a request URI is canonical.
	 * @param requestUri the request URI, undecoded; may be {@code null}
	 * @return {@code true} if it starts with {@code /} and decoding or normalising it would not
	 * change it
	 */
	public static boolean isCanonical(@Nullable String requestUri) {
		if (requestUri == null || !requestUri.startsWith("/")) {
			return false;
		}
		if (requestUri.length() == 1) {
			return true;
		}
		if (requestUri.endsWith("/") || requestUri.contains("//")) {
			return false;
		}
		for (int i = 0; i < requestUri.length(); i++) {
			char c = requestUri.charAt(i);
			if (c == '%' || c == ';' || c == '\\' || c < 0x21 || c > 0x7E) {
				return false;
			}
		}
		for (String segment : requestUri.substring(1).split("/")) {
			if (segment.equals(".") || segment.equals("..")) {
				return false;
			}
		}
		return true;
	}

}
