/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.dynamicbean.DynamicBeanFactory;
import io.dynamicbean.DynamicBeanListener;
import io.dynamicbean.DynamicBeanStatus;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.util.Assert;

/**
 * Takes the memcached beans out when memcached stops answering at runtime: counts the consecutive
 * failed operations of the {@link MemcachedSessionRepository} (a success resets the count) and,
 * once they reach the threshold, invalidates the client bean through
 * {@link DynamicBeanFactory#invalidate(String, Throwable)}, once. The session repository and the
 * security-context repository go with it, the application falls back to its local sessions, and
 * the core's recovery generates the chain again after its delay. The count starts afresh when the
 * client bean is registered again.
 *
 * <p>Operations that {@link MemcachedUnavailableException#isFailedFast() failed fast} are not
 * counted. The invalidation runs on another thread, so that no request waits for it.
 *
 * <p>Defaults: threshold {@value #DEFAULT_FAILURE_THRESHOLD}, client bean {@code memcachedClient},
 * a new daemon thread for each invalidation.
 */
public class MemcachedFailureMonitor implements MemcachedOperationListener, DynamicBeanListener {

	/** Default number of consecutive failures that invalidates the client. */
	public static final int DEFAULT_FAILURE_THRESHOLD = 3;

	/** Default name of the client bean. */
	public static final String DEFAULT_CLIENT_BEAN_NAME = MemcachedClientGenerator.BEAN_NAME;

	private static final Log logger = LogFactory.getLog(MemcachedFailureMonitor.class);

	private final ObjectProvider<DynamicBeanFactory> dynamicBeanFactory;

	private final AtomicInteger consecutiveFailures = new AtomicInteger();

	private final AtomicBoolean invalidating = new AtomicBoolean();

	private int failureThreshold = DEFAULT_FAILURE_THRESHOLD;

	private String clientBeanName = DEFAULT_CLIENT_BEAN_NAME;

	private Executor executor = defaultExecutor();

	/**
	 * Create a monitor.
	 * @param dynamicBeanFactory the factory to invalidate the client through, resolved when first
	 * needed
	 */
	public MemcachedFailureMonitor(ObjectProvider<DynamicBeanFactory> dynamicBeanFactory) {
		Assert.notNull(dynamicBeanFactory, "dynamicBeanFactory must not be null");
		this.dynamicBeanFactory = dynamicBeanFactory;
	}

	private static Executor defaultExecutor() {
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("memcached-failure-monitor-");
		executor.setDaemon(true);
		return executor;
	}

	@Override
	public void onSuccess() {
		if (this.consecutiveFailures.get() != 0) {
			this.consecutiveFailures.set(0);
		}
	}

	@Override
	public void onFailure(MemcachedUnavailableException failure) {
		if (failure.isFailedFast() || this.invalidating.get()) {
			return;
		}
		int failures = this.consecutiveFailures.incrementAndGet();
		if (failures >= this.failureThreshold && this.invalidating.compareAndSet(false, true)) {
			this.executor.execute(() -> invalidate(failures, failure));
		}
	}

	private void invalidate(int failures, MemcachedUnavailableException last) {
		MemcachedUnavailableException cause = new MemcachedUnavailableException("Memcached failed " + failures
				+ " consecutive operations (dynamic-bean.memcached.failure-threshold=" + this.failureThreshold
				+ "), the last: " + last.getMessage() + "; serving local sessions until memcached answers again", last);
		try {
			if (!this.dynamicBeanFactory.getObject().invalidate(this.clientBeanName, cause)) {
				logger.debug("Dynamic bean '" + this.clientBeanName + "' was not active any more when invalidated");
			}
		}
		catch (RuntimeException ex) {
			logger.error("Could not invalidate dynamic bean '" + this.clientBeanName + "' after " + failures
					+ " consecutive memcached failures", ex);
			this.invalidating.set(false);
		}
	}

	/**
	 * Start counting afresh when the client bean is registered again.
	 */
	@Override
	public void onRegistered(DynamicBeanStatus status) {
		if (this.clientBeanName.equals(status.beanName())) {
			this.consecutiveFailures.set(0);
			this.invalidating.set(false);
		}
	}

	/**
	 * Return the number of consecutive failures counted since the last success.
	 * @return the count
	 */
	public int getConsecutiveFailures() {
		return this.consecutiveFailures.get();
	}

	/**
	 * Set the number of consecutive failures that invalidates the client.
	 * @param failureThreshold at least 1; {@value #DEFAULT_FAILURE_THRESHOLD} by default
	 */
	public void setFailureThreshold(int failureThreshold) {
		Assert.isTrue(failureThreshold > 0, "dynamic-bean.memcached.failure-threshold must be at least 1");
		this.failureThreshold = failureThreshold;
	}

	/**
	 * Set the name of the client bean to invalidate.
	 * @param clientBeanName the bean name, not empty; {@value #DEFAULT_CLIENT_BEAN_NAME} by default
	 */
	public void setClientBeanName(String clientBeanName) {
		Assert.hasText(clientBeanName, "clientBeanName must not be empty");
		this.clientBeanName = clientBeanName;
	}

	/**
	 * Set the executor that runs invalidations.
	 * @param executor the executor, not {@code null}; a new daemon thread per invalidation by default
	 */
	public void setExecutor(Executor executor) {
		Assert.notNull(executor, "executor must not be null");
		this.executor = executor;
	}

}
