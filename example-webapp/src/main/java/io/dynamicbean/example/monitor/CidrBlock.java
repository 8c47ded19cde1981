/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.monitor;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A block of IPv4 or IPv6 addresses in CIDR notation, such as {@code 127.0.0.0/8},
 * {@code 10.1.0.0/16} or {@code ::1/128}. A bare address ({@code 192.0.2.7}, {@code ::1}) is the
 * block of that one address. An IPv4-mapped IPv6 block ({@code ::ffff:10.0.0.0/104}) is the
 * equivalent IPv4 block ({@code 10.0.0.0/8}).
 *
 * <p>Parsing is strict, so that a typo in a security setting fails start-up instead of opening or
 * closing more than meant: host names are refused (nothing is ever resolved), the prefix length
 * must fit the family (0-32 for IPv4, 0-128 for IPv6), and the address must be the network
 * address: {@code 10.0.0.1/8} is refused (did you mean {@code 10.0.0.0/8} or {@code 10.0.0.1/32}?).
 * An IPv4 block never matches an IPv6 address and the other way round.
 *
 * <p>Bound from configuration properties through {@link #of(String)}.
 */
public final class CidrBlock {

	private final byte[] network;

	private final int prefixLength;

	private CidrBlock(byte[] network, int prefixLength) {
		this.network = network;
		this.prefixLength = prefixLength;
	}

	/**
	 * Parse a block in CIDR notation, or a bare address.
	 * @param cidr the block, for example {@code 127.0.0.0/8} or {@code ::1/128}, not {@code null}
	 * @return the block
	 * @throws IllegalArgumentException if the text is not a valid block, with the reason
	 */
	public static CidrBlock of(String cidr) {
		Assert.notNull(cidr, "cidr must not be null");
		String text = cidr.trim();
		int slash = text.indexOf('/');
		String addressText = (slash >= 0) ? text.substring(0, slash) : text;
		byte[] address = IpAddressLiterals.parse(addressText);
		if (address == null || addressText.indexOf('%') >= 0) {
			throw invalid(cidr, "'" + addressText + "' is not an IPv4 or IPv6 address literal");
		}
		boolean mapped = addressText.indexOf(':') >= 0 && address.length == 4;
		int maximum = mapped ? 128 : address.length * 8;
		int prefixLength = (slash >= 0) ? parsePrefixLength(cidr, text.substring(slash + 1), maximum) : maximum;
		if (mapped) {
			if (prefixLength < 96) {
				throw invalid(cidr, "an IPv4-mapped IPv6 block needs a prefix length of at least 96");
			}
			prefixLength -= 96;
		}
		byte[] network = mask(address, prefixLength);
		if (!Arrays.equals(network, address)) {
			throw invalid(cidr, "the address has bits set beyond the /" + prefixLength + " prefix; write the network "
					+ "address (" + new CidrBlock(network, prefixLength) + ") or a longer prefix");
		}
		return new CidrBlock(network, prefixLength);
	}

	private static int parsePrefixLength(String cidr, String text, int maximum) {
		if (text.isEmpty() || text.length() > 3 || !text.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			throw invalid(cidr, "the prefix length '" + text + "' is not a number from 0 to " + maximum);
		}
		int prefixLength = Integer.parseInt(text);
		if (prefixLength > maximum) {
			throw invalid(cidr, "the prefix length " + prefixLength + " is longer than " + maximum);
		}
		return prefixLength;
	}

	private static IllegalArgumentException invalid(String cidr, String reason) {
		return new IllegalArgumentException("'" + cidr + "' is not a valid CIDR block (such as 127.0.0.0/8 or "
				+ "::1/128): " + reason);
	}

	private static byte[] mask(byte[] address, int prefixLength) {
		byte[] masked = new byte[address.length];
		for (int i = 0; i < address.length; i++) {
			int bits = Math.max(0, Math.min(8, prefixLength - i * 8));
			masked[i] = (byte) (address[i] & (0xFF00 >> bits));
		}
		return masked;
	}

	/**
	 * Whether an address literal lies in this block.
	 * @param address an IPv4 or IPv6 literal such as {@link jakarta.servlet.ServletRequest#getRemoteAddr()}
	 * answers, not {@code null}
	 * @return {@code true} if it is in the block; {@code false} if not, or if it is not an address
	 * literal
	 */
	public boolean matches(String address) {
		Assert.notNull(address, "address must not be null");
		byte[] bytes = IpAddressLiterals.parse(address.trim());
		return bytes != null && matches(bytes);
	}

	/**
	 * Whether an address lies in this block.
	 * @param address the address bytes, 4 for IPv4 and 16 for IPv6
	 * @return {@code true} if it is of the same family and in the block
	 */
	public boolean matches(byte[] address) {
		return address.length == this.network.length && Arrays.equals(mask(address, this.prefixLength), this.network);
	}

	/**
	 * Return the length of the network prefix.
	 * @return 0 to 32 for IPv4, 0 to 128 for IPv6
	 */
	public int getPrefixLength() {
		return this.prefixLength;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || (other instanceof CidrBlock block && this.prefixLength == block.prefixLength
				&& Arrays.equals(this.network, block.network));
	}

	@Override
	public int hashCode() {
		return 31 * Arrays.hashCode(this.network) + this.prefixLength;
	}

	/**
	 * Return the block in canonical CIDR notation, such as {@code 127.0.0.0/8} or {@code ::1/128}.
	 */
	@Override
	public String toString() {
		return ((this.network.length == 4) ? formatIpv4() : formatIpv6()) + "/" + this.prefixLength;
	}

	private String formatIpv4() {
		StringBuilder text = new StringBuilder();
		for (byte each : this.network) {
			text.append((text.length() > 0) ? "." : "").append(each & 0xFF);
		}
		return text.toString();
	}

	private String formatIpv6() {
		int[] groups = new int[8];
		for (int i = 0; i < 8; i++) {
			groups[i] = ((this.network[2 * i] & 0xFF) << 8) | (this.network[2 * i + 1] & 0xFF);
		}
		int bestStart = -1;
		int bestLength = 1;
		for (int start = 0; start < 8; start++) {
			int length = 0;
			while (start + length < 8 && groups[start + length] == 0) {
				length++;
			}
			if (length > bestLength) {
				bestStart = start;
				bestLength = length;
			}
		}
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			if (i == bestStart) {
				text.append("::");
				i += bestLength - 1;
				continue;
			}
			if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
				text.append(':');
			}
			text.append(Integer.toHexString(groups[i]));
		}
		return text.toString();
	}

}
