/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.session;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import io.dynamicbean.DynamicBeanFactory;
import io.dynamicbean.session.RemoteStoreListener;
import io.dynamicbean.session.SessionStoreGeneratorAdapter;
import io.dynamicbean.session.SwitchableSessionRepository;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.util.Assert;

/**
 * Takes a remote session store out when it keeps failing at run time: after a number of
 * consecutive failed calls (each already served from the local store by the
 * {@link io.dynamicbean.session.SwitchableSessionRepository}), the store's dynamic bean is
 * {@link DynamicBeanFactory#invalidate(String, Throwable) invalidated}: the application switches
 * to local sessions, then the bean closes its connections; its generator then
 * retries on its schedule and switches back when the store answers again. Until then, requests no
 * longer pay the store's timeout.
 *
 * <p>A successful call resets the count. The invalidation runs on a thread of its own, never on
 * the request thread.
 */
public class RemoteStoreFailureMonitor implements RemoteStoreListener {

	/**
	 * Default number of consecutive failures that take the store out.
	 */
	public static final int DEFAULT_THRESHOLD = 3;

	private static final Log logger = LogFactory.getLog(RemoteStoreFailureMonitor.class);

	private final String storeName;

	private final String beanName;

	private final int threshold;

	private final ObjectProvider<DynamicBeanFactory> dynamicBeanFactory;

	private final Executor executor;

	private final AtomicInteger consecutiveFailures = new AtomicInteger();

	/**
	 * Create a monitor.
	 * @param storeName the name the store is switched in under, such as {@code redis}, not empty
	 * @param beanName the name of the store's dynamic bean, not empty
	 * @param threshold how many consecutive failures take the store out, at least 1
	 * @param dynamicBeanFactory the factory to invalidate the bean through, not {@code null}
	 */
	public RemoteStoreFailureMonitor(String storeName, String beanName, int threshold,
			ObjectProvider<DynamicBeanFactory> dynamicBeanFactory) {
		this(storeName, beanName, threshold, dynamicBeanFactory, new SimpleAsyncTaskExecutor("session-store-failover-"));
	}

	/**
	 * Create a monitor that invalidates on the given executor.
	 * @param storeName the name the store is switched in under, not empty
	 * @param beanName the name of the store's dynamic bean, not empty
	 * @param threshold how many consecutive failures take the store out, at least 1
	 * @param dynamicBeanFactory the factory to invalidate the bean through, not {@code null}
	 * @param executor runs the invalidation, not {@code null}
	 */
	RemoteStoreFailureMonitor(String storeName, String beanName, int threshold,
			ObjectProvider<DynamicBeanFactory> dynamicBeanFactory, Executor executor) {
		Assert.notNull(executor, "executor must not be null");
		this.executor = executor;
		Assert.hasText(storeName, "storeName must not be empty");
		Assert.hasText(beanName, "beanName must not be empty");
		Assert.isTrue(threshold >= 1, "threshold must be at least 1");
		Assert.notNull(dynamicBeanFactory, "dynamicBeanFactory must not be null");
		this.storeName = storeName;
		this.beanName = beanName;
		this.threshold = threshold;
		this.dynamicBeanFactory = dynamicBeanFactory;
	}

	/**
	 * Create a monitor of the store of the given generator and make it the listener of the
	 * application's session front: the one line that puts a generated store under watch.
	 * @param generator the generator of the store, not {@code null}
	 * @param properties the store's properties, for the failure threshold, not {@code null}
	 * @param sessions the front whose calls to the store are counted, not {@code null}
	 * @param dynamicBeanFactory the factory to invalidate the store's bean through, not {@code null}
	 * @return the monitor, to declare as a bean
	 */
	public static RemoteStoreFailureMonitor watch(SessionStoreGeneratorAdapter<?> generator,
			RemoteSessionStoreProperties properties, SwitchableSessionRepository sessions,
			ObjectProvider<DynamicBeanFactory> dynamicBeanFactory) {
		Assert.notNull(generator, "generator must not be null");
		Assert.notNull(properties, "properties must not be null");
		Assert.notNull(sessions, "sessions must not be null");
		RemoteStoreFailureMonitor monitor = new RemoteStoreFailureMonitor(generator.getStoreName(),
				generator.getBeanName(), properties.getFailureThreshold(), dynamicBeanFactory);
		sessions.setRemoteStoreListener(monitor);
		return monitor;
	}

	@Override
	public void onFailure(String storeName, RuntimeException ex) {
		if (this.storeName.equals(storeName) && this.consecutiveFailures.incrementAndGet() == this.threshold) {
			this.executor.execute(() -> invalidate(ex));
		}
	}

	@Override
	public void onSuccess(String storeName) {
		if (this.storeName.equals(storeName)) {
			this.consecutiveFailures.set(0);
		}
	}

	private void invalidate(RuntimeException last) {
		try {
			IllegalStateException cause = new IllegalStateException("Session store '" + this.storeName + "' failed "
					+ this.threshold + " times in a row", last);
			if (this.dynamicBeanFactory.getObject().invalidate(this.beanName, cause)) {
				logger.warn("Took session store '" + this.storeName + "' out after " + this.threshold
						+ " consecutive failures (last: " + last + "); sessions are served locally until it is back");
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Could not take session store '" + this.storeName + "' out", ex);
		}
		finally {
			this.consecutiveFailures.set(0);
		}
	}

	/**
	 * Return the number of consecutive failures counted since the last success or invalidation.
	 * @return the count
	 */
	public int getConsecutiveFailures() {
		return this.consecutiveFailures.get();
	}

}
