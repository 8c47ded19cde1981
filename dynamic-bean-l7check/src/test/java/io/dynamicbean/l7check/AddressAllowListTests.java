/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.l7check;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link AddressAllowList}.
 */
class AddressAllowListTests {

	@Test
	void matchesIpv4AddressesAndBlocks() {
		AddressAllowList list = AddressAllowList.of(List.of("127.0.0.1", "10.20.0.0/16"));
		assertThat(list.allows("127.0.0.1")).isTrue();
		assertThat(list.allows("127.0.0.2")).isFalse();
		assertThat(list.allows("10.20.255.7")).isTrue();
		assertThat(list.allows("10.21.0.1")).isFalse();
	}

	@Test
	void matchesIpv6AddressesAndBlocksInAnyNotation() {
		AddressAllowList list = AddressAllowList.of(List.of("::1", "2001:db8::/32"));
		assertThat(list.allows("0:0:0:0:0:0:0:1")).as("Tomcat's notation of ::1").isTrue();
		assertThat(list.allows("::1")).isTrue();
		assertThat(list.allows("2001:db8:0:0:0:0:0:7")).isTrue();
		assertThat(list.allows("2001:db9::7")).isFalse();
	}

	@Test
	void anIpv4ClientAgainstIpv6RulesIsRefusedWithoutAnException() {
		// spring-security#19329: "::1/128" against "0.0.0.0" threw ArrayIndexOutOfBoundsException
		AddressAllowList list = AddressAllowList.of(List.of("::1/128", "2001:db8::/64", "::/0"));
		assertThatNoException().isThrownBy(() -> list.allows("0.0.0.0"));
		assertThat(list.allows("0.0.0.0")).isFalse();
		assertThat(list.allows("32.1.13.184")).as("the first bytes of 2001:db8::").isFalse();
		assertThat(list.allows("127.0.0.1")).isFalse();
	}

	@Test
	void anIpv6ClientAgainstIpv4RulesIsRefusedEvenWhenItsFirstBytesMatch() {
		AddressAllowList list = AddressAllowList.of(List.of("10.0.0.0/8", "0.0.0.0/32", "127.0.0.1/32"));
		assertThatNoException().isThrownBy(() -> list.allows("::1"));
		assertThat(list.allows("::1")).as("its first four bytes are 0.0.0.0").isFalse();
		assertThat(list.allows("a00::1")).as("its first byte is 10").isFalse();
		assertThat(list.allows("7f00:1::")).as("its first bytes are 127.0.0.1").isFalse();
	}

	@Test
	void anIpv4MappedIpv6ClientIsItsIpv4Address() {
		assertThat(AddressAllowList.of(List.of("127.0.0.1")).allows("::ffff:127.0.0.1")).isTrue();
	}

	@Test
	void anIpv6ClientWithAZoneIsMatchedOnItsAddress() {
		assertThat(AddressAllowList.of(List.of("fe80::/10")).allows("fe80:0:0:0:0:0:0:1%2")).isTrue();
	}

	@Test
	void aClientAddressThatIsNotALiteralMatchesNothingAndIsNeverLookedUp() {
		AddressAllowList list = AddressAllowList.of(List.of("0.0.0.0/0", "::/0"));
		for (String client : new String[] { "localhost", "l7check.invalid", "999.1.1.1", "1.2.3", "", " ",
				"127.0.0.1, 10.0.0.1", "unknown" }) {
			assertThat(list.allows(client)).as(client).isFalse();
		}
		assertThat(list.allows(null)).isFalse();
	}

	@Test
	void anEmptyListAllowsNoOne() {
		assertThat(AddressAllowList.of(List.of()).allows("127.0.0.1")).isFalse();
	}

	@Test
	void refusesMalformedRulesNamingThem() {
		for (String rule : new String[] { "10.0.0.300/8", "10.0.0.0/33", "::1/129", "10.0.0.0/-1", "10.0.0.0/",
				"10.1/16", "localhost", "proxy.internal", "", "10.0.0.0/8/8", "1::2::3", "*" }) {
			assertThatIllegalArgumentException().as(rule)
				.isThrownBy(() -> AddressAllowList.of(List.of("127.0.0.1", rule)))
				.withMessageStartingWith("'" + rule + "' is not an IPv4 or IPv6 address or CIDR block");
		}
	}

	@Test
	void keepsTheRulesAsConfigured() {
		assertThat(AddressAllowList.of(List.of("127.0.0.1", " ::1 ")).rules()).containsExactly("127.0.0.1", "::1");
	}

}
