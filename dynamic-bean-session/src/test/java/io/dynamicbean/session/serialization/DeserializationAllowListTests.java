/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session.serialization;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DeserializationAllowList}.
 */
class DeserializationAllowListTests {

	private final DeserializationAllowList allowList = new DeserializationAllowList(List.of("com.example.Cart"),
			List.of("com.example.shop"), 1024);

	@Test
	void allowsJdkValueTypesAndCollections() {
		assertThat(List.of("java.lang.Integer", "java.lang.String", "java.util.HashMap", "java.util.ArrayList",
				"java.util.Collections$UnmodifiableRandomAccessList", "java.util.CollSer", "java.time.Ser",
				"java.time.chrono.Ser", "java.util.UUID", "java.math.BigDecimal"))
			.allMatch(this.allowList::isAllowed);
	}

	@Test
	void allowsTheSpringSecurityTypesOfALogin() {
		assertThat(List.of("org.springframework.security.core.context.SecurityContextImpl",
				"org.springframework.security.authentication.UsernamePasswordAuthenticationToken",
				"org.springframework.security.core.userdetails.User",
				"org.springframework.security.core.userdetails.User$AuthorityComparator",
				"org.springframework.security.core.authority.SimpleGrantedAuthority",
				"org.springframework.security.web.authentication.WebAuthenticationDetails",
				"org.springframework.security.web.savedrequest.DefaultSavedRequest"))
			.allMatch(this.allowList::isAllowed);
	}

	@Test
	void refusesEverythingElse() {
		assertThat(List.of("java.net.URL", "java.lang.Runtime", "java.lang.reflect.Proxy", "java.lang.Object",
				"java.util.PriorityQueue", "javax.management.BadAttributeValueExpException",
				"org.springframework.beans.factory.support.AutowireUtils$ObjectFactoryDelegatingInvocationHandler",
				"org.springframework.security.core.userdetails.cache.SpringCacheBasedUserCache",
				"org.springframework.security.web.FilterChainProxy", "com.example.CartItem", "jdk.proxy1.$Proxy12"))
			.noneMatch(this.allowList::isAllowed);
	}

	@Test
	void allowsConfiguredClassesAndPackagesWithTheirSubPackages() {
		assertThat(this.allowList.isAllowed("com.example.Cart")).isTrue();
		assertThat(this.allowList.isAllowed("com.example.shop.Item")).isTrue();
		assertThat(this.allowList.isAllowed("com.example.shop.basket.Line$Detail")).isTrue();
		assertThat(this.allowList.isAllowed("com.example.shopping.Item")).as("package name prefix only").isFalse();
	}

	@Test
	void judgesArraysByTheirElementType() {
		assertThat(this.allowList.isAllowed("[B")).isTrue();
		assertThat(this.allowList.isAllowed("[[I")).isTrue();
		assertThat(this.allowList.isAllowed("[Ljava.lang.String;")).isTrue();
		assertThat(this.allowList.isAllowed("[Ljava.lang.Object;")).isTrue();
		assertThat(this.allowList.isAllowed("[Ljava.lang.StackTraceElement;")).isTrue();
		assertThat(this.allowList.isAllowed("[[Ljava.net.URL;")).isFalse();
	}

	@Test
	void allowsSpringSessionsMapSession() {
		assertThat(this.allowList.isAllowed("org.springframework.session.MapSession")).isTrue();
	}

	@Test
	void addsApplicationTypesWithoutForgettingItsOwn() {
		DeserializationAllowList more = this.allowList.allowing(List.of("com.other.Order"), List.of("com.other.shop"));

		assertThat(more.isAllowed("com.example.Cart")).isTrue();
		assertThat(more.isAllowed("com.other.Order")).isTrue();
		assertThat(more.isAllowed("com.other.shop.Item")).isTrue();
		assertThat(more.getMaxBytes()).isEqualTo(1024);
	}

	@Test
	void changesTheByteLimitAlone() {
		DeserializationAllowList larger = this.allowList.withMaxBytes(4096);

		assertThat(larger.getMaxBytes()).isEqualTo(4096);
		assertThat(larger.getAllowedClasses()).containsExactly("com.example.Cart");
		assertThat(larger.getAllowedPackages()).containsExactly("com.example.shop");
	}

	@Test
	void defaultsToOneMegabyte() {
		assertThat(new DeserializationAllowList().getMaxBytes()).isEqualTo(1024 * 1024);
	}

}
