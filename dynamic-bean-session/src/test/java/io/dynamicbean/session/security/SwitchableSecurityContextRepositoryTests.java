/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session.security;

import java.util.ArrayList;
import java.util.List;

import io.dynamicbean.session.LocalSessionRepository;
import io.dynamicbean.session.StoreFailureTracker;
import io.dynamicbean.session.SwitchableSessionRepository;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link SwitchableSecurityContextRepository}.
 */
class SwitchableSecurityContextRepositoryTests {

	private final SwitchableSecurityContextRepository repository = new SwitchableSecurityContextRepository();

	private final SecurityContextRepository remote = mock(SecurityContextRepository.class);

	private final MockHttpServletRequest request = new MockHttpServletRequest();

	private final MockHttpServletResponse response = new MockHttpServletResponse();

	private final List<String> failures = new ArrayList<>();

	@Test
	void keepsContextInHttpSessionAndRequestByDefault() {
		SecurityContext context = authenticated("alice");

		this.repository.saveContext(context, this.request, this.response);

		assertThat(this.request.getSession().getAttribute(
				HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY)).isEqualTo(context);
		assertThat(this.repository.containsContext(this.request)).isTrue();
		assertThat(this.repository.loadDeferredContext(this.request).get()).isEqualTo(context);
		assertThat(this.repository.getActiveStoreName()).isEqualTo("local");
	}

	@Test
	void usesRemoteRepositoryOnceSwitchedIn() {
		SecurityContext context = authenticated("bob");
		given(this.remote.loadDeferredContext(this.request)).willReturn(deferred(context));
		this.repository.switchTo("memcached", this.remote);

		this.repository.saveContext(context, this.request, this.response);
		SecurityContext loaded = this.repository.loadDeferredContext(this.request).get();

		then(this.remote).should().saveContext(context, this.request, this.response);
		assertThat(loaded).isEqualTo(context);
		assertThat(this.request.getSession(false)).as("HTTP session of the local repository").isNull();
		assertThat(this.repository.isRemoteActive()).isTrue();
		assertThat(this.repository.getActiveStoreName()).isEqualTo("memcached");
	}

	@Test
	void usesLocalRepositoryAgainAfterSwitchToLocal() {
		this.repository.switchTo(this.remote);
		this.repository.switchToLocal();

		this.repository.saveContext(authenticated("carol"), this.request, this.response);

		then(this.remote).shouldHaveNoInteractions();
		assertThat(this.repository.containsContext(this.request)).isTrue();
	}

	@Test
	void switchToLocalIfActiveSwitchesOnlyAwayFromTheGivenRemote() {
		this.repository.switchTo(this.remote);

		assertThat(this.repository.switchToLocalIfActive(mock(SecurityContextRepository.class))).isFalse();
		assertThat(this.repository.switchToLocalIfActive(this.remote)).isTrue();
		assertThat(this.repository.isRemoteActive()).isFalse();
	}

	@Test
	void savesLocallyWhenRemoteRepositoryThrows() {
		willThrow(new IllegalStateException("remote down")).given(this.remote).saveContext(any(), any(), any());
		this.repository.setRemoteFailureHandler((storeName, ex) -> this.failures.add(storeName + ": " + ex.getMessage()));
		this.repository.switchTo("memcached", this.remote);
		SecurityContext context = authenticated("dave");

		this.repository.saveContext(context, this.request, this.response);

		assertThat(this.request.getSession().getAttribute(
				HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY)).isEqualTo(context);
		assertThat(this.failures).containsExactly("memcached: remote down");
	}

	@Test
	void recordsItsFailuresInTheSessionFrontsTracker() {
		StoreFailureTracker tracker = new SwitchableSessionRepository(new LocalSessionRepository()).getFailureTracker();
		this.repository.setRemoteFailureHandler((storeName, ex) -> this.failures.add(storeName + ": " + ex.getMessage()));
		this.repository.setFailureTracker(tracker);
		willThrow(new IllegalStateException("remote down")).given(this.remote).saveContext(any(), any(), any());
		this.repository.switchTo("memcached", this.remote);

		this.repository.saveContext(authenticated("gina"), this.request, this.response);

		assertThat(tracker.isFailing("memcached")).as("memcached failing in the session front's tracker").isTrue();
		assertThat(this.failures).as("handler, moved to the new tracker").containsExactly("memcached: remote down");
	}

	@Test
	void leavesTheEndOfAnOutageToTheSessionFrontWhenSharingItsTracker() {
		StoreFailureTracker tracker = new SwitchableSessionRepository(new LocalSessionRepository()).getFailureTracker();
		tracker.failed("memcached", "findById", new IllegalStateException("remote down"));
		this.repository.setFailureTracker(tracker);
		this.repository.switchTo("memcached", this.remote);

		this.repository.saveContext(authenticated("hank"), this.request, this.response);

		assertThat(tracker.isFailing("memcached"))
			.as("still failing: a security context saved through the session front proves nothing of the store")
			.isTrue();
	}

	@Test
	void loadsLocallyWhenRemoteRepositoryThrows() {
		SecurityContext context = authenticated("erin");
		this.repository.saveContext(context, this.request, this.response);
		given(this.remote.loadDeferredContext(this.request)).willThrow(new IllegalStateException("remote down"));
		given(this.remote.containsContext(this.request)).willThrow(new IllegalStateException("remote down"));
		this.repository.switchTo("memcached", this.remote);

		DeferredSecurityContext deferred = this.repository.loadDeferredContext(this.request);

		assertThat(deferred.get()).isEqualTo(context);
		assertThat(deferred.isGenerated()).isFalse();
		assertThat(this.repository.containsContext(this.request)).isTrue();
	}

	@Test
	void loadsLocallyWhenRemoteDeferredContextThrowsWhenResolved() {
		SecurityContext context = authenticated("frank");
		this.repository.saveContext(context, this.request, this.response);
		DeferredSecurityContext failing = mock(DeferredSecurityContext.class);
		given(failing.get()).willThrow(new IllegalStateException("remote down"));
		given(this.remote.loadDeferredContext(this.request)).willReturn(failing);
		this.repository.switchTo("memcached", this.remote);

		assertThat(this.repository.loadDeferredContext(this.request).get()).isEqualTo(context);
	}

	@Test
	void loadsRemoteContextLazilyAndOnce() {
		given(this.remote.loadDeferredContext(this.request)).willReturn(deferred(authenticated("grace")));
		this.repository.switchTo("memcached", this.remote);

		DeferredSecurityContext deferred = this.repository.loadDeferredContext(this.request);
		then(this.remote).shouldHaveNoInteractions();
		deferred.get();
		deferred.get();

		then(this.remote).should().loadDeferredContext(this.request);
	}

	private static SecurityContext authenticated(String user) {
		return new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated(user, null,
				AuthorityUtils.createAuthorityList("ROLE_USER")));
	}

	private static DeferredSecurityContext deferred(SecurityContext context) {
		return new DeferredSecurityContext() {

			@Override
			public SecurityContext get() {
				return context;
			}

			@Override
			public boolean isGenerated() {
				return false;
			}

		};
	}

}
