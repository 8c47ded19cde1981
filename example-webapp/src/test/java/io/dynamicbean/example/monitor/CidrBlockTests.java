/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.monitor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link CidrBlock}.
 */
class CidrBlockTests {

	@Test
	void matchesIpv4AddressesInsideTheBlock() {
		CidrBlock block = CidrBlock.of("10.1.0.0/16");
		assertThat(block.matches("10.1.0.0")).as("network address").isTrue();
		assertThat(block.matches("10.1.255.255")).as("last address").isTrue();
		assertThat(block.matches("10.2.0.0")).as("next block").isFalse();
		assertThat(block.matches("10.0.255.255")).as("previous block").isFalse();
	}

	@Test
	void matchesOnPrefixesThatSplitAnOctet() {
		CidrBlock block = CidrBlock.of("192.0.2.64/27");
		assertThat(block.matches("192.0.2.64")).isTrue();
		assertThat(block.matches("192.0.2.95")).isTrue();
		assertThat(block.matches("192.0.2.96")).isFalse();
		assertThat(block.matches("192.0.2.63")).isFalse();
	}

	@Test
	void matchesTheWholeLoopbackRange() {
		CidrBlock block = CidrBlock.of("127.0.0.0/8");
		assertThat(block.matches("127.0.0.1")).isTrue();
		assertThat(block.matches("127.0.0.2")).isTrue();
		assertThat(block.matches("127.255.255.254")).isTrue();
		assertThat(block.matches("128.0.0.1")).isFalse();
	}

	@Test
	void aSlash32MatchesExactlyOneAddress() {
		CidrBlock block = CidrBlock.of("127.0.0.1/32");
		assertThat(block.matches("127.0.0.1")).isTrue();
		assertThat(block.matches("127.0.0.2")).isFalse();
	}

	@Test
	void aSlash0MatchesEveryAddressOfItsFamilyOnly() {
		assertThat(CidrBlock.of("0.0.0.0/0").matches("203.0.113.9")).isTrue();
		assertThat(CidrBlock.of("0.0.0.0/0").matches("::1")).as("IPv6 against an IPv4 block").isFalse();
		assertThat(CidrBlock.of("::/0").matches("2001:db8::1")).isTrue();
		assertThat(CidrBlock.of("::/0").matches("127.0.0.1")).as("IPv4 against an IPv6 block").isFalse();
	}

	@Test
	void aBareAddressIsABlockOfOne() {
		assertThat(CidrBlock.of("192.0.2.7")).isEqualTo(CidrBlock.of("192.0.2.7/32"));
		assertThat(CidrBlock.of("::1")).isEqualTo(CidrBlock.of("::1/128"));
	}

	@Test
	void matchesIpv6AddressesInAnyNotation() {
		CidrBlock loopback = CidrBlock.of("::1/128");
		assertThat(loopback.matches("0:0:0:0:0:0:0:1")).as("Tomcat's notation").isTrue();
		assertThat(loopback.matches("::1")).isTrue();
		assertThat(loopback.matches("::2")).isFalse();
		CidrBlock documentation = CidrBlock.of("2001:db8::/32");
		assertThat(documentation.matches("2001:0DB8:ffff::1")).isTrue();
		assertThat(documentation.matches("2001:db9::1")).isFalse();
	}

	@Test
	void matchesAnIpv6PrefixThatSplitsAGroup() {
		CidrBlock block = CidrBlock.of("2001:db8:abc0::/44");
		assertThat(block.matches("2001:db8:abcf:ffff::1")).isTrue();
		assertThat(block.matches("2001:db8:abd0::1")).isFalse();
	}

	@Test
	void ignoresTheZoneOfALinkLocalPeer() {
		assertThat(CidrBlock.of("fe80::/10").matches("fe80::1%eth0")).isTrue();
	}

	@Test
	void treatsIpv4MappedIpv6AsIpv4() {
		assertThat(CidrBlock.of("127.0.0.0/8").matches("::ffff:127.0.0.1")).isTrue();
		assertThat(CidrBlock.of("::ffff:10.0.0.0/104")).isEqualTo(CidrBlock.of("10.0.0.0/8"));
	}

	@Test
	void printsCanonicalNotation() {
		assertThat(CidrBlock.of(" 10.0.0.0/8 ")).hasToString("10.0.0.0/8");
		assertThat(CidrBlock.of("0:0:0:0:0:0:0:1/128")).hasToString("::1/128");
		assertThat(CidrBlock.of("2001:db8:0:0:1:0:0:0/80")).as("longest zero run compressed").hasToString("2001:db8:0:0:1::/80");
		assertThat(CidrBlock.of("::/0")).hasToString("::/0");
	}

	@Test
	void doesNotMatchTextThatIsNotAnAddress() {
		CidrBlock everything = CidrBlock.of("0.0.0.0/0");
		assertThat(everything.matches("localhost")).isFalse();
		assertThat(everything.matches("")).isFalse();
		assertThat(everything.matches("127.1")).as("short form").isFalse();
		assertThat(everything.matches("1.2.3.4, 5.6.7.8")).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "/8", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/33", "10.0.0.0/8/8", "10.0.0/8",
			"10.0.0.256/32", "10.0.0.0.0/32", "010.0.0.0x/8", "0x7f.0.0.1", "127.1", "1.2.3.4 /32", "localhost",
			"localhost/32", "example.com/24", "::/129", "::1/abc", "12345::/16", "fe80::1%eth0/128",
			"::ffff:10.0.0.0/95", "2001:db8::g/32", "1.2.3.4/+8", "::1.2.3/128" })
	void refusesMalformedBlocks(String cidr) {
		assertThatIllegalArgumentException().isThrownBy(() -> CidrBlock.of(cidr))
			.withMessageContaining("is not a valid CIDR block");
	}

	@Test
	void refusesHostBitsBeyondThePrefixAndSuggestsTheNetwork() {
		assertThatIllegalArgumentException().isThrownBy(() -> CidrBlock.of("10.0.0.1/8"))
			.withMessageContaining("10.0.0.0/8");
		assertThatIllegalArgumentException().isThrownBy(() -> CidrBlock.of("2001:db8::1/32"))
			.withMessageContaining("2001:db8::/32");
	}

}
