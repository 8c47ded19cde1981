/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session.security;

import java.util.concurrent.atomic.AtomicReference;

import io.dynamicbean.session.RemoteStoreFailureHandler;
import io.dynamicbean.session.RemoteStoreListener;
import io.dynamicbean.session.StoreExceptionKind;
import io.dynamicbean.session.StoreFailureTracker;
import io.dynamicbean.session.web.SessionElsewhereException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.util.Assert;

/**
 * A {@link SecurityContextRepository} whose target can be switched at run time: a local
 * repository from start-up, a remote one once it is {@link #switchTo(String, SecurityContextRepository)
 * switched in}.
 *
 * <p>The local repository is by default what Spring Security itself uses: an
 * {@link HttpSessionSecurityContextRepository} plus a {@link RequestAttributeSecurityContextRepository}.
 * As the HTTP session is backed by Spring Session and so by the
 * {@link io.dynamicbean.session.SwitchableSessionRepository}, that default already follows the
 * session store switch; switching this repository is for a remote store that brings a repository
 * of its own.
 *
 * <p>A runtime exception from the remote repository never reaches the request, but for a
 * {@link SessionElsewhereException} (the session belongs to another instance): the call is served
 * by the local repository. Whether the exception is a failure of the store is decided by
 * {@link StoreExceptionKind}, and a failure is recorded in the {@link #setFailureTracker
 * failure tracker}, the one the session front records its calls in when the auto-configuration
 * builds both, which tells the {@link #setRemoteFailureHandler(RemoteStoreFailureHandler) failure
 * handler} and the failure monitor.
 *
 * <p>Use it in a filter chain with
 * {@code http.securityContext((context) -> context.securityContextRepository(switchableSecurityContextRepository))},
 * or let the auto-configuration do it with {@code dynamic-bean.session.security.apply-to-http-security=true}.
 * Thread-safe.
 */
public class SwitchableSecurityContextRepository implements SecurityContextRepository {

	/**
	 * The store name of the local repository.
	 */
	public static final String LOCAL_STORE_NAME = "local";

	private static final String DEFAULT_REMOTE_NAME = "remote";

	private static final Log logger = LogFactory.getLog(SwitchableSecurityContextRepository.class);

	private final SecurityContextRepository local;

	private final AtomicReference<@Nullable Remote> remote = new AtomicReference<>();

	private volatile StoreFailureTracker failures = new StoreFailureTracker();

	private volatile boolean recordsSuccesses = true;

	private volatile @Nullable RemoteStoreListener remoteFailureHandler;

	/**
	 * Create a repository whose local repository is Spring Security's default: the HTTP session
	 * plus a request attribute.
	 */
	public SwitchableSecurityContextRepository() {
		this(new DelegatingSecurityContextRepository(new HttpSessionSecurityContextRepository(),
				new RequestAttributeSecurityContextRepository()));
	}

	/**
	 * Create a repository with the given local repository.
	 * @param local the repository used while no remote one is active, not {@code null}
	 */
	public SwitchableSecurityContextRepository(SecurityContextRepository local) {
		Assert.notNull(local, "local must not be null");
		this.local = local;
	}

	/**
	 * From now on, load and save security contexts through the given remote repository.
	 * @param remote the remote repository, not {@code null}
	 */
	public void switchTo(SecurityContextRepository remote) {
		switchTo(DEFAULT_REMOTE_NAME, remote);
	}

	/**
	 * From now on, load and save security contexts through the given remote repository.
	 * @param storeName the name of the store for logs and failure callbacks, such as
	 * {@code memcached}; not empty
	 * @param remote the remote repository, not {@code null}
	 */
	public void switchTo(String storeName, SecurityContextRepository remote) {
		Assert.hasText(storeName, "storeName must not be empty");
		Assert.notNull(remote, "remote must not be null");
		Assert.isTrue(remote != this, "remote must not be this SwitchableSecurityContextRepository");
		Remote switched = new Remote(storeName, remote);
		this.remote.set(switched);
		logger.info("Security contexts are now kept through " + switched);
	}

	/**
	 * From now on, use the local repository. Does nothing if no remote one is active.
	 */
	public void switchToLocal() {
		Remote previous = this.remote.getAndSet(null);
		if (previous != null) {
			logger.warn("Security context repository " + previous + " switched out: using the local one");
		}
	}

	/**
	 * Switch to the local repository if, and only if, the given one is the active remote
	 * repository; for example when its bean is being destroyed.
	 * @param remote a remote repository
	 * @return whether it was active and has been switched out
	 */
	public boolean switchToLocalIfActive(SecurityContextRepository remote) {
		Remote current = this.remote.get();
		if (current != null && current.repository == remote && this.remote.compareAndSet(current, null)) {
			logger.warn("Security context repository " + current + " switched out: using the local one");
			return true;
		}
		return false;
	}

	/**
	 * Return whether a remote repository is active.
	 * @return whether a remote repository is active
	 */
	public boolean isRemoteActive() {
		return this.remote.get() != null;
	}

	/**
	 * Return the name of the active store.
	 * @return the remote repository's name, or {@value #LOCAL_STORE_NAME}
	 */
	public String getActiveStoreName() {
		Remote current = this.remote.get();
		return (current != null) ? current.name : LOCAL_STORE_NAME;
	}

	/**
	 * Set the handler told of every exception thrown by the remote repository.
	 * @param remoteFailureHandler the handler, or {@code null} for none (the default)
	 */
	public void setRemoteFailureHandler(@Nullable RemoteStoreFailureHandler remoteFailureHandler) {
		RemoteStoreListener previous = this.remoteFailureHandler;
		if (previous != null) {
			this.failures.removeListener(previous);
		}
		RemoteStoreListener next = (remoteFailureHandler != null) ? new RemoteStoreListener() {

			@Override
			public void onFailure(String storeName, RuntimeException ex) {
				remoteFailureHandler.onFailure(storeName, ex);
			}

		} : null;
		if (next != null) {
			this.failures.addListener(next);
		}
		this.remoteFailureHandler = next;
	}

	/**
	 * Record this front's failures in a tracker shared with the session front
	 * ({@code SwitchableSessionRepository#getFailureTracker()}), so that one record and one failure
	 * monitor cover both fronts. Only failures are recorded there: a remote security context
	 * repository usually keeps the context in the HTTP session, so its calls succeed whenever the
	 * session front serves them, from the store or from its local fallback, and say nothing about
	 * whether the store answers; the session front, which calls the store itself, records that.
	 * @param failures the tracker, not {@code null}; one of its own, which records successes too,
	 * by default
	 */
	public void setFailureTracker(StoreFailureTracker failures) {
		Assert.notNull(failures, "failures must not be null");
		RemoteStoreListener handler = this.remoteFailureHandler;
		if (handler != null) {
			this.failures.removeListener(handler);
			failures.addListener(handler);
		}
		this.failures = failures;
		this.recordsSuccesses = false;
	}

	@Override
	@Deprecated
	@SuppressWarnings("deprecation")
	public SecurityContext loadContext(HttpRequestResponseHolder requestResponseHolder) {
		return call("loadContext", (repository) -> repository.loadContext(requestResponseHolder));
	}

	@Override
	public DeferredSecurityContext loadDeferredContext(HttpServletRequest request) {
		Remote current = this.remote.get();
		if (current == null) {
			return this.local.loadDeferredContext(request);
		}
		return new FallbackDeferredSecurityContext(current, request);
	}

	@Override
	public void saveContext(SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
		call("saveContext", (repository) -> {
			repository.saveContext(context, request, response);
			return Boolean.TRUE;
		});
	}

	@Override
	public boolean containsContext(HttpServletRequest request) {
		return call("containsContext", (repository) -> repository.containsContext(request));
	}

	private <T> T call(String operation, RepositoryCall<T> call) {
		Remote current = this.remote.get();
		if (current != null) {
			try {
				T result = call.apply(current.repository);
				answered(current);
				return result;
			}
			catch (SessionElsewhereException ex) {
				throw ex;
			}
			catch (RuntimeException ex) {
				failed(current, operation, ex);
			}
		}
		return call.apply(this.local);
	}

	private void answered(Remote remote) {
		if (this.recordsSuccesses) {
			this.failures.answered(remote.name);
		}
	}

	private void failed(Remote remote, String operation, RuntimeException ex) {
		if (StoreExceptionKind.of(ex).isStoreFailure()) {
			this.failures.failed(remote.name, operation, ex);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Security context repository " + remote + " could not " + operation + ": " + ex);
		}
	}

	@FunctionalInterface
	private interface RepositoryCall<T> {

		T apply(SecurityContextRepository repository);

	}

	private record Remote(String name, SecurityContextRepository repository) {

		@Override
		public String toString() {
			return "'" + this.name + "' (" + this.repository.getClass().getName() + ")";
		}

	}

	/**
	 * Loads from the remote repository when first asked, and from the local one if that throws.
	 */
	private final class FallbackDeferredSecurityContext implements DeferredSecurityContext {

		private final Remote remote;

		private final HttpServletRequest request;

		private @Nullable DeferredSecurityContext resolved;

		FallbackDeferredSecurityContext(Remote remote, HttpServletRequest request) {
			this.remote = remote;
			this.request = request;
		}

		@Override
		public SecurityContext get() {
			return resolve().get();
		}

		@Override
		public boolean isGenerated() {
			return resolve().isGenerated();
		}

		private synchronized DeferredSecurityContext resolve() {
			if (this.resolved == null) {
				this.resolved = loadRemotelyOrLocally();
			}
			return this.resolved;
		}

		private DeferredSecurityContext loadRemotelyOrLocally() {
			try {
				DeferredSecurityContext deferred = this.remote.repository.loadDeferredContext(this.request);
				SecurityContext context = deferred.get();
				boolean generated = deferred.isGenerated();
				answered(this.remote);
				return new LoadedSecurityContext(context, generated);
			}
			catch (SessionElsewhereException ex) {
				throw ex;
			}
			catch (RuntimeException ex) {
				failed(this.remote, "loadDeferredContext", ex);
				return SwitchableSecurityContextRepository.this.local.loadDeferredContext(this.request);
			}
		}

	}

	private record LoadedSecurityContext(SecurityContext context, boolean generated)
			implements DeferredSecurityContext {

		@Override
		public SecurityContext get() {
			return this.context;
		}

		@Override
		public boolean isGenerated() {
			return this.generated;
		}

	}

}
