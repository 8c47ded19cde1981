/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import io.dynamicbean.DynamicBeanFactory;
import io.dynamicbean.DynamicBeanListener;
import io.dynamicbean.DynamicBeanStatus;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.util.Assert;

/**
 * The one failure detector of every remote session store: takes a store out when it keeps
 * failing at run time. It counts the consecutive failed calls of each {@link #watch watched}
 * store (a success resets the count) and, when they reach the store's threshold, invalidates the
 * store's dynamic bean through {@link DynamicBeanFactory#invalidate(String, Throwable)}, once:
 * the application switches to its local sessions, the bean closes its connections, and the
 * store's generator is retried on its schedule and switches back when the store answers again.
 * Until then, requests no longer pay the store's timeout. The count starts afresh when the bean
 * is registered again.
 *
 * <p>As a {@link RemoteStoreListener} of the {@link StoreFailureTracker} it is told of every call
 * the fronts make to their remote store (the session front and the security-context front record
 * theirs in one tracker); Spring Boot's auto-configuration of {@code dynamic-bean-session} declares
 * it, adds it to the front's tracker and watches the store of every
 * {@link SessionStoreGeneratorAdapter} bean. Without Boot:
 *
 * <pre class="code">
 * RemoteStoreFailureMonitor monitor = new RemoteStoreFailureMonitor(dynamicBeanFactoryProvider);
 * monitor.watch(redisGenerator);              // store "redis", its bean, its failure threshold
 * sessions.getFailureTracker().addListener(monitor);
 * </pre>
 *
 * <p>A watched generator decides which exceptions count
 * ({@link SessionStoreGeneratorAdapter#isStoreFailure(RuntimeException)}) and reports the
 * failures it notices itself while no request calls the store
 * ({@link SessionStoreGeneratorAdapter#reportFailure(RuntimeException)}): they count like failed
 * calls, so that an outage is noticed with no traffic too.
 *
 * <p>Failures of stores that are not watched are ignored. The invalidation runs on another
 * thread (by default a new daemon thread each time), never on the request thread.
 */
public class RemoteStoreFailureMonitor implements RemoteStoreListener, DynamicBeanListener {

	/**
	 * Default number of consecutive failures that take a store out: 3.
	 */
	public static final int DEFAULT_FAILURE_THRESHOLD = StoreRetryRules.DEFAULT_FAILURE_THRESHOLD;

	private static final Log logger = LogFactory.getLog(RemoteStoreFailureMonitor.class);

	private final ObjectProvider<DynamicBeanFactory> dynamicBeanFactory;

	private final Map<String, Watch> watches = new ConcurrentHashMap<>();

	private Executor executor = defaultExecutor();

	/**
	 * Create a monitor that watches no store yet.
	 * @param dynamicBeanFactory the factory to invalidate the stores' beans through, resolved
	 * when first needed, not {@code null}
	 */
	public RemoteStoreFailureMonitor(ObjectProvider<DynamicBeanFactory> dynamicBeanFactory) {
		Assert.notNull(dynamicBeanFactory, "dynamicBeanFactory must not be null");
		this.dynamicBeanFactory = dynamicBeanFactory;
	}

	private static Executor defaultExecutor() {
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("session-store-failure-monitor-");
		executor.setDaemon(true);
		return executor;
	}

	/**
	 * Watch the store of a generator: its store name, bean name and failure threshold, counting
	 * only the exceptions it {@link SessionStoreGeneratorAdapter#isStoreFailure(RuntimeException)
	 * takes for failures of the store}; and become its
	 * {@link SessionStoreGeneratorAdapter#setFailureHandler failure handler}, told of the failures
	 * it notices outside the front's calls.
	 * @param generator the generator of the store, not {@code null}
	 */
	public void watch(SessionStoreGeneratorAdapter<?> generator) {
		Assert.notNull(generator, "generator must not be null");
		watch(generator.getStoreName(), generator.getBeanName(), generator.getFailureThreshold(),
				generator::isStoreFailure);
		generator.setFailureHandler(this);
	}

	/**
	 * Watch a store: after {@code failureThreshold} consecutive failures of the store named
	 * {@code storeName}, invalidate the dynamic bean named {@code beanName}. Watching a store again
	 * replaces its previous watch.
	 * @param storeName the name the store is switched in under, such as {@code redis}, not empty
	 * @param beanName the dynamic bean to invalidate, not empty
	 * @param failureThreshold how many consecutive failures take the store out, at least 1
	 */
	public void watch(String storeName, String beanName, int failureThreshold) {
		Assert.hasText(storeName, "storeName must not be empty");
		Assert.hasText(beanName, "beanName must not be empty");
		watch(storeName, beanName, failureThreshold, (ex) -> true);
	}

	private void watch(String storeName, String beanName, int failureThreshold,
			Predicate<RuntimeException> storeFailure) {
		StoreRetryRules.checkFailureThreshold(failureThreshold, "failureThreshold of session store '" + storeName + "'");
		this.watches.put(storeName, new Watch(storeName, beanName, failureThreshold, storeFailure));
	}

	@Override
	public void onFailure(String storeName, RuntimeException ex) {
		Watch watch = this.watches.get(storeName);
		if (watch == null || watch.invalidating.get() || !watch.storeFailure.test(ex)) {
			return;
		}
		int failures = watch.consecutiveFailures.incrementAndGet();
		if (failures >= watch.threshold && watch.invalidating.compareAndSet(false, true)) {
			this.executor.execute(() -> invalidate(watch, failures, ex));
		}
	}

	@Override
	public void onSuccess(String storeName) {
		Watch watch = this.watches.get(storeName);
		if (watch != null && watch.consecutiveFailures.get() != 0) {
			watch.consecutiveFailures.set(0);
		}
	}

	private void invalidate(Watch watch, int failures, RuntimeException last) {
		IllegalStateException cause = new IllegalStateException("Session store '" + watch.storeName + "' failed "
				+ failures + " consecutive calls (failure threshold " + watch.threshold + "), the last: " + last
				+ "; serving local sessions until it answers again", last);
		try {
			if (this.dynamicBeanFactory.getObject().invalidate(watch.beanName, cause)) {
				logger.warn("Took session store '" + watch.storeName + "' out after " + failures
						+ " consecutive failures (last: " + last + "); sessions are served locally until it is back");
			}
			else {
				logger.debug("Dynamic bean '" + watch.beanName + "' was not active any more when invalidated");
			}
		}
		catch (RuntimeException ex) {
			logger.error("Could not invalidate dynamic bean '" + watch.beanName + "' of session store '"
					+ watch.storeName + "' after " + failures + " consecutive failures", ex);
			watch.invalidating.set(false);
		}
	}

	/**
	 * Start counting afresh when a watched store's bean is registered again.
	 */
	@Override
	public void onRegistered(DynamicBeanStatus status) {
		this.watches.values()
			.stream()
			.filter((watch) -> watch.beanName.equals(status.beanName()))
			.forEach(Watch::reset);
	}

	/**
	 * Return the number of consecutive failures of a store counted since its last success or
	 * registration.
	 * @param storeName the store name
	 * @return the count, 0 for a store that is not watched
	 */
	public int getConsecutiveFailures(String storeName) {
		Watch watch = this.watches.get(storeName);
		return (watch != null) ? watch.consecutiveFailures.get() : 0;
	}

	/**
	 * Return whether a store is watched.
	 * @param storeName the store name
	 * @return {@code true} if failures of the store are counted
	 */
	public boolean isWatched(String storeName) {
		return this.watches.containsKey(storeName);
	}

	/**
	 * Set the executor that runs invalidations.
	 * @param executor the executor, not {@code null}; a new daemon thread per invalidation by
	 * default
	 */
	public void setExecutor(Executor executor) {
		Assert.notNull(executor, "executor must not be null");
		this.executor = executor;
	}

	private static final class Watch {

		private final String storeName;

		private final String beanName;

		private final int threshold;

		private final Predicate<RuntimeException> storeFailure;

		private final AtomicInteger consecutiveFailures = new AtomicInteger();

		private final AtomicBoolean invalidating = new AtomicBoolean();

		private Watch(String storeName, String beanName, int threshold, Predicate<RuntimeException> storeFailure) {
			this.storeName = storeName;
			this.beanName = beanName;
			this.threshold = threshold;
			this.storeFailure = storeFailure;
		}

		private void reset() {
			this.consecutiveFailures.set(0);
			this.invalidating.set(false);
		}

	}

}
