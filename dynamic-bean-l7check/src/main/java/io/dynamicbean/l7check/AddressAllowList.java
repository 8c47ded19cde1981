/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.l7check;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.security.util.matcher.InetAddressMatcher;
import org.springframework.security.util.matcher.InetAddressMatchers;
import org.springframework.util.Assert;

/**
 * The client addresses allowed to change the L7 check: IPv4 and IPv6 addresses or blocks in CIDR
 * notation ({@code 127.0.0.1}, {@code 10.20.0.0/16}, {@code ::1}, {@code 2001:db8::/32}), each
 * matched by Spring Security's {@link InetAddressMatchers#fromIpAddress(String)}.
 *
 * <p>Rules are literals only: host names are refused, so no name is ever looked up. An address of
 * one family never matches a rule of the other (Spring Security 7.1.0 compares their bytes
 * regardless, spring-security#19329), and a client address that is not an address literal
 * matches nothing. An empty list allows no-one.
 */
public final class AddressAllowList {

	private static final String OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";

	private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");

	private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

	private static final Pattern PREFIX_LENGTH = Pattern.compile("\\d{1,3}");

	private final List<Rule> rules;

	private AddressAllowList(List<Rule> rules) {
		this.rules = List.copyOf(rules);
	}

	/**
	 * Create an allow-list.
	 * @param rules addresses or CIDR blocks, not {@code null}; empty allows no-one
	 * @return the allow-list
	 * @throws IllegalArgumentException naming the first rule that is not an IPv4 or IPv6 address or
	 * CIDR block
	 */
	public static AddressAllowList of(List<String> rules) {
		Assert.notNull(rules, "rules must not be null");
		List<Rule> parsed = new ArrayList<>(rules.size());
		for (String rule : rules) {
			parsed.add(Rule.parse(rule));
		}
		return new AddressAllowList(parsed);
	}

	/**
	 * Whether a client address is allowed.
	 * @param clientAddress the address, as {@code HttpServletRequest.getRemoteAddr()} reports it;
	 * may be {@code null}
	 * @return {@code true} if it is an address literal that one of the rules matches
	 */
	public boolean allows(@Nullable String clientAddress) {
		InetAddress address = (clientAddress != null) ? parseLiteral(stripZone(clientAddress.trim())) : null;
		if (address == null) {
			return false;
		}
		for (Rule rule : this.rules) {
			if (rule.matches(address)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Return the rules, as configured.
	 * @return the rules
	 */
	public List<String> rules() {
		return this.rules.stream().map(Rule::text).toList();
	}

	@Override
	public String toString() {
		return rules().toString();
	}

	private static String stripZone(String address) {
		int zone = address.indexOf('%');
		return (zone >= 0 && address.indexOf(':') >= 0) ? address.substring(0, zone) : address;
	}

	/**
	 * Parse an address literal without ever resolving a name: {@link InetAddress#getByName} only
	 * sees text that it reads as a literal.
	 */
	static @Nullable InetAddress parseLiteral(String text) {
		if (!IPV4.matcher(text).matches() && !IPV6.matcher(text).matches()) {
			return null;
		}
		try {
			return InetAddress.getByName(text);
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	private record Rule(String text, InetAddressMatcher matcher, int addressLength) {

		static Rule parse(@Nullable String rule) {
			String text = (rule != null) ? rule.trim() : "";
			int slash = text.indexOf('/');
			String address = (slash >= 0) ? text.substring(0, slash) : text;
			InetAddress literal = parseLiteral(address);
			if (literal == null || (slash >= 0 && !PREFIX_LENGTH.matcher(text.substring(slash + 1)).matches())) {
				throw invalid(text, null);
			}
			try {
				return new Rule(text, InetAddressMatchers.fromIpAddress(text), literal.getAddress().length);
			}
			catch (IllegalArgumentException ex) {
				throw invalid(text, ex);
			}
		}

		private static IllegalArgumentException invalid(String rule, @Nullable Exception cause) {
			return new IllegalArgumentException("'" + rule + "' is not an IPv4 or IPv6 address or CIDR block "
					+ "(such as 127.0.0.1, 10.20.0.0/16, ::1 or 2001:db8::/32)"
					+ ((cause != null) ? ": " + cause.getMessage() : ""), cause);
		}

		boolean matches(InetAddress address) {
			return address.getAddress().length == this.addressLength && this.matcher.matches(address);
		}

	}

}
