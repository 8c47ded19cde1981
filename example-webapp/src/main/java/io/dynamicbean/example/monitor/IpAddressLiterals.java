/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.monitor;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

import org.jspecify.annotations.Nullable;

/**
 * Parses IP address literals into their bytes without ever resolving a host name: IPv4 in strict
 * dotted-quad form ({@code 127.0.0.1}; no {@code 127.1}, octal or hex forms), IPv6 in any form
 * {@link InetAddress} accepts for a literal. IPv4-mapped IPv6 addresses ({@code ::ffff:10.0.0.1})
 * come back as their four IPv4 bytes, as the JDK reports such peers.
 */
final class IpAddressLiterals {

	private IpAddressLiterals() {
	}

	/**
	 * Parse an address literal.
	 * @param text the literal, an IPv6 one possibly followed by a zone ({@code fe80::1%eth0}),
	 * which is ignored
	 * @return 4 bytes for IPv4, 16 for IPv6, or {@code null} if the text is not an address literal
	 */
	static byte @Nullable [] parse(String text) {
		int zone = text.indexOf('%');
		String literal = (zone >= 0 && text.indexOf(':') >= 0) ? text.substring(0, zone) : text;
		return (literal.indexOf(':') >= 0) ? parseIpv6(literal) : parseIpv4(literal);
	}

	private static byte @Nullable [] parseIpv4(String text) {
		String[] parts = text.split("\\.", -1);
		if (parts.length != 4) {
			return null;
		}
		byte[] bytes = new byte[4];
		for (int i = 0; i < 4; i++) {
			Integer octet = parseOctet(parts[i]);
			if (octet == null) {
				return null;
			}
			bytes[i] = (byte) octet.intValue();
		}
		return bytes;
	}

	private static @Nullable Integer parseOctet(String part) {
		if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(IpAddressLiterals::isDecimalDigit)) {
			return null;
		}
		int value = Integer.parseInt(part);
		return (value <= 255) ? value : null;
	}

	/**
	 * Only hexadecimal digits, colons and dots (for an embedded IPv4 tail) reach the JDK, which then
	 * treats the text as an IPv6 literal and never as a host name to look up.
	 */
	private static byte @Nullable [] parseIpv6(String text) {
		if (!text.chars().allMatch((c) -> c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
			return null;
		}
		if (text.indexOf('.') >= 0 && parseIpv4(text.substring(text.lastIndexOf(':') + 1)) == null) {
			return null;
		}
		try {
			InetAddress address = InetAddress.getByName(text);
			return (address instanceof Inet4Address || address.getAddress().length == 16) ? address.getAddress()
					: null;
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	private static boolean isDecimalDigit(int c) {
		return c >= '0' && c <= '9';
	}

}
