/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.dynamicbean.session.LocalSessionRepository;
import io.dynamicbean.session.RemoteStoreFailureMonitor;
import io.dynamicbean.session.web.SessionAffinity;
import io.dynamicbean.session.SessionStoreGeneratorAdapter;
import io.dynamicbean.session.serialization.DeserializationAllowList;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Properties of the switchable session front, under {@code dynamic-bean.session}.
 */
@ConfigurationProperties("dynamic-bean.session")
public class SwitchableSessionProperties {

	/**
	 * The store in use when {@code dynamic-bean.session.store} is not set: memcached, whose
	 * auto-configuration is then active if its module is on the class path.
	 */
	public static final String DEFAULT_STORE = "memcached";

	/**
	 * Whether to serve Spring Session through the switchable front (a local store until a remote
	 * store is switched in).
	 */
	private boolean enabled = true;

	/**
	 * Whether a session that the remote store has lost (its epoch marker shows a restart or an
	 * eviction) is restored into it from this instance's fallback copy; a session deleted on
	 * purpose (a logout) is never restored. When false, fallback copies are never restored; sessions
	 * created or changed here while the remote store was unavailable are still moved into it.
	 */
	private boolean restoreFallbackCopies = true;

	/**
	 * Which remote session store this deployment uses: memcached, redis or jdbc (the module of
	 * the store must be on the class path). Only that store's auto-configuration is active.
	 * When not set, memcached's is (if dynamic-bean-memcached is on the class path).
	 */
	private @Nullable String store;

	private final Local local = new Local();

	private final Remote remote = new Remote();

	private final Security security = new Security();

	private final Concurrency concurrency = new Concurrency();

	private final Serialization serialization = new Serialization();

	private final Affinity affinity = new Affinity();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isRestoreFallbackCopies() {
		return this.restoreFallbackCopies;
	}

	public void setRestoreFallbackCopies(boolean restoreFallbackCopies) {
		this.restoreFallbackCopies = restoreFallbackCopies;
	}

	public @Nullable String getStore() {
		return this.store;
	}

	public void setStore(@Nullable String store) {
		this.store = store;
	}

	public Local getLocal() {
		return this.local;
	}

	public Remote getRemote() {
		return this.remote;
	}

	public Security getSecurity() {
		return this.security;
	}

	public Serialization getSerialization() {
		return this.serialization;
	}

	public Concurrency getConcurrency() {
		return this.concurrency;
	}

	public Affinity getAffinity() {
		return this.affinity;
	}

	/**
	 * Properties of the local session store.
	 */
	public static class Local {

		/**
		 * Maximum number of sessions held in memory by this instance (its own sessions and the
		 * fallback copies of remote ones); beyond it the least recently used are evicted.
		 */
		private int maxSessions = 10_000;

		/**
		 * Byte budget of the sessions held in memory by this instance, as estimated (strings by
		 * length, simple values by a fixed size, the security context by a fixed 2KB, other values by
		 * their serialized size); beyond it, as beyond max-sessions, the least recently used
		 * anonymous sessions are evicted first, logged-in ones only when they alone exceed it.
		 */
		private DataSize maxBytes = DataSize.ofBytes(LocalSessionRepository.DEFAULT_MAX_BYTES);

		/**
		 * Byte budget of the logouts remembered while the remote store cannot be told of them
		 * (about 230 bytes each); beyond it those of anonymous sessions are dropped first, and if
		 * those of logged-in sessions alone exceed it, sessions last used before a dropped logout
		 * are taken for logged out.
		 */
		private DataSize maxPendingDeletionBytes = DataSize
			.ofBytes(LocalSessionRepository.DEFAULT_MAX_PENDING_DELETION_BYTES);

		/**
		 * Max inactive interval of sessions created in the local store. Defaults to
		 * spring.session.timeout, then server.servlet.session.timeout, then 30 minutes.
		 */
		private @Nullable Duration timeout;

		/**
		 * How often expired sessions are purged from the local store (on the first access after
		 * each interval; no thread of its own).
		 */
		private Duration purgeInterval = Duration.ofMinutes(1);

		public int getMaxSessions() {
			return this.maxSessions;
		}

		public void setMaxSessions(int maxSessions) {
			this.maxSessions = maxSessions;
		}

		public DataSize getMaxBytes() {
			return this.maxBytes;
		}

		public void setMaxBytes(DataSize maxBytes) {
			this.maxBytes = maxBytes;
		}

		public DataSize getMaxPendingDeletionBytes() {
			return this.maxPendingDeletionBytes;
		}

		public void setMaxPendingDeletionBytes(DataSize maxPendingDeletionBytes) {
			this.maxPendingDeletionBytes = maxPendingDeletionBytes;
		}

		public @Nullable Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(@Nullable Duration timeout) {
			this.timeout = timeout;
		}

		public Duration getPurgeInterval() {
			return this.purgeInterval;
		}

		public void setPurgeInterval(Duration purgeInterval) {
			this.purgeInterval = purgeInterval;
		}

	}

	/**
	 * Properties of the remote store of the generators built on SessionStoreGeneratorAdapter
	 * (dynamic-bean-redis, dynamic-bean-jdbc); memcached has its own under dynamic-bean.memcached.
	 */
	public static class Remote {

		/**
		 * How long to wait before trying the remote store again while it cannot be reached (whole
		 * seconds; 0 for never).
		 */
		private Duration retryDelay = SessionStoreGeneratorAdapter.DEFAULT_RETRY_DELAY;

		/**
		 * How many consecutive failed calls to the remote store at run time switch the application
		 * to local sessions until the store answers again.
		 */
		private int failureThreshold = RemoteStoreFailureMonitor.DEFAULT_FAILURE_THRESHOLD;

		public Duration getRetryDelay() {
			return this.retryDelay;
		}

		public void setRetryDelay(Duration retryDelay) {
			this.retryDelay = retryDelay;
		}

		public int getFailureThreshold() {
			return this.failureThreshold;
		}

		public void setFailureThreshold(int failureThreshold) {
			this.failureThreshold = failureThreshold;
		}

		/**
		 * Apply these properties to a generator.
		 * @param generator the generator of the remote store
		 */
		public void applyTo(SessionStoreGeneratorAdapter<?> generator) {
			generator.setRetryDelay(this.retryDelay);
			generator.setFailureThreshold(this.failureThreshold);
		}

	}

	/**
	 * Spring Security's concurrent-session control across instances, on the principal index of
	 * the session front.
	 */
	public static class Concurrency {

		/**
		 * Most sessions one user may have across every instance; when set, every HttpSecurity gets
		 * sessionConcurrency(maximumSessions, the switchableSessionRegistry). Not set: no limit.
		 */
		private @Nullable Integer maximumSessions;

		/**
		 * Whether a login beyond the limit is refused, rather than the user's least recently used
		 * session being expired.
		 */
		private boolean preventsLogin;

		/**
		 * Where a request of a session expired by the limit is redirected; when not set, Spring
		 * Security answers it with a short message.
		 */
		private @Nullable String expiredUrl;

		public @Nullable Integer getMaximumSessions() {
			return this.maximumSessions;
		}

		public void setMaximumSessions(@Nullable Integer maximumSessions) {
			this.maximumSessions = maximumSessions;
		}

		public boolean isPreventsLogin() {
			return this.preventsLogin;
		}

		public void setPreventsLogin(boolean preventsLogin) {
			this.preventsLogin = preventsLogin;
		}

		public @Nullable String getExpiredUrl() {
			return this.expiredUrl;
		}

		public void setExpiredUrl(@Nullable String expiredUrl) {
			this.expiredUrl = expiredUrl;
		}

	}

	/**
	 * Properties of the Spring Security integration.
	 */
	public static class Security {

		/**
		 * Whether to make every Spring Security filter chain (HttpSecurity) use the switchable
		 * security context repository, through a Customizer bean. An application's own
		 * securityContext(...) configuration still wins.
		 */
		private boolean applyToHttpSecurity;

		public boolean isApplyToHttpSecurity() {
			return this.applyToHttpSecurity;
		}

		public void setApplyToHttpSecurity(boolean applyToHttpSecurity) {
			this.applyToHttpSecurity = applyToHttpSecurity;
		}

	}

	/**
	 * What session attribute values read back from a remote store may be deserialized to, beyond
	 * the defaults (JDK value types and collections, java.time, Spring Session's MapSession and
	 * the Spring Security types of a login).
	 */
	/**
	 * The affinity cookie set while a session lives only in this instance's local store.
	 */
	public static class Affinity {

		/**
		 * Name of the affinity cookie.
		 */
		private String cookieName = SessionAffinity.DEFAULT_COOKIE_NAME;

		/**
		 * Name of the writer cookie, which names the instance that last changed the session: while
		 * every session store fails, a request is redirected (307) to that instance with the
		 * affinity cookie naming it.
		 */
		private String writerCookieName = SessionAffinity.DEFAULT_WRITER_COOKIE_NAME;

		/**
		 * Route id of this instance, as the load balancer knows it (HAProxy's "server ... cookie
		 * ROUTE"). Affinity is on when it is set: while a session lives only in this instance's
		 * local store, responses set the cookie to this route, and clear it once the session is
		 * back in the shared store.
		 */
		private @Nullable String route;

		/**
		 * How long this instance must have been back on the shared store before it clears the
		 * cookie of a session that was local only: at least the other instances' longest store
		 * retry delay with its jitter, so that they are back on the shared store too. When not
		 * set, derived from the longest retry delay of this instance's store generators: that
		 * delay plus 10 % jitter, rounded up to whole 5 seconds (35 s for the default 30 s).
		 */
		private @Nullable Duration releaseAfter;

		public String getCookieName() {
			return this.cookieName;
		}

		public void setCookieName(String cookieName) {
			this.cookieName = cookieName;
		}

		public String getWriterCookieName() {
			return this.writerCookieName;
		}

		public void setWriterCookieName(String writerCookieName) {
			this.writerCookieName = writerCookieName;
		}

		public @Nullable String getRoute() {
			return this.route;
		}

		public void setRoute(@Nullable String route) {
			this.route = route;
		}

		public @Nullable Duration getReleaseAfter() {
			return this.releaseAfter;
		}

		public void setReleaseAfter(@Nullable Duration releaseAfter) {
			this.releaseAfter = releaseAfter;
		}

	}

	public static class Serialization {

		/**
		 * Further classes allowed, by fully qualified name (nested classes with '$').
		 */
		private List<String> allowedClasses = new ArrayList<>();

		/**
		 * Further packages allowed, each with its sub-packages.
		 */
		private List<String> allowedPackages = new ArrayList<>();

		/**
		 * Most objects (strings included) that one value read back may hold; memcached's store
		 * refuses to write a session holding more, so that it never writes what it cannot read.
		 */
		private int maxReferences = DeserializationAllowList.DEFAULT_MAX_REFERENCES;

		public List<String> getAllowedClasses() {
			return this.allowedClasses;
		}

		public void setAllowedClasses(List<String> allowedClasses) {
			this.allowedClasses = allowedClasses;
		}

		public List<String> getAllowedPackages() {
			return this.allowedPackages;
		}

		public void setAllowedPackages(List<String> allowedPackages) {
			this.allowedPackages = allowedPackages;
		}

		public int getMaxReferences() {
			return this.maxReferences;
		}

		public void setMaxReferences(int maxReferences) {
			this.maxReferences = maxReferences;
		}

	}

}
