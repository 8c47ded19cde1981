/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.util.Assert;

/**
 * Retries failed dynamic beans on a scheduler of its own: each bean whose
 * {@link DynamicBeanStatus#nextRetry() next retry} is set is recovered through
 * {@link DynamicBeanFactory#recover(String)} at that instant, so a generator's
 * {@link DynamicGenerator#getDelaySeconds() delay} is honoured to the second, whatever its value.
 *
 * <p>Retries never run on the application's {@link TaskScheduler} (Spring Boot's has one thread,
 * which a generator waiting out its connect timeout would take from the application's
 * {@code @Scheduled} jobs). The recover's own scheduler has {@value #DEFAULT_THREADS} daemon
 * threads named {@code dynamic-bean-recover-N}, so a generator that hangs does not hold back the
 * retries of the others; one generator never runs twice at once. It is shut down with the
 * context, and scheduled retries are cancelled when the context stops, before any bean is
 * destroyed.
 */
public class DynamicBeanRecover implements DynamicBeanListener, SmartLifecycle, DisposableBean {

	/** The default number of threads that run retries: 4. */
	public static final int DEFAULT_THREADS = 4;

	private static final Log logger = LogFactory.getLog(DynamicBeanRecover.class);

	private final DynamicBeanFactory factory;

	private final TaskScheduler scheduler;

	private final @Nullable ThreadPoolTaskScheduler ownScheduler;

	private final Map<String, ScheduledRetry> retries = new HashMap<>();

	private boolean running = true;

	/**
	 * Create a recover that runs retries on {@value #DEFAULT_THREADS} threads of its own.
	 * @param factory the factory to recover beans through
	 */
	public DynamicBeanRecover(DynamicBeanFactory factory) {
		this(factory, DEFAULT_THREADS);
	}

	/**
	 * Create a recover that runs retries on the given number of threads of its own.
	 * @param factory the factory to recover beans through
	 * @param threads how many generators may be retried at once, at least 1
	 */
	public DynamicBeanRecover(DynamicBeanFactory factory, int threads) {
		Assert.notNull(factory, "factory must not be null");
		Assert.isTrue(threads > 0, () -> "threads must be at least 1, but was " + threads);
		this.factory = factory;
		this.ownScheduler = createScheduler(threads);
		this.scheduler = this.ownScheduler;
	}

	/**
	 * Create a recover that schedules retries on the given scheduler, which its caller owns and
	 * shuts down. Do not pass the application's scheduler: a slow generator would delay its jobs.
	 * @param factory the factory to recover beans through
	 * @param scheduler the scheduler to run retries on, not {@code null}
	 */
	public DynamicBeanRecover(DynamicBeanFactory factory, TaskScheduler scheduler) {
		Assert.notNull(factory, "factory must not be null");
		Assert.notNull(scheduler, "scheduler must not be null");
		this.factory = factory;
		this.ownScheduler = null;
		this.scheduler = scheduler;
	}

	private static ThreadPoolTaskScheduler createScheduler(int threads) {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setPoolSize(threads);
		scheduler.setThreadNamePrefix("dynamic-bean-recover-");
		scheduler.setDaemon(true);
		scheduler.setRemoveOnCancelPolicy(true);
		scheduler.initialize();
		return scheduler;
	}

	@Override
	public void onFailed(DynamicBeanStatus status) {
		reschedule(status.beanName());
	}

	@Override
	public void onInvalidated(DynamicBeanStatus status) {
		reschedule(status.beanName());
	}

	@Override
	public void onRegistered(DynamicBeanStatus status) {
		reschedule(status.beanName());
	}

	/**
	 * Bring the scheduled retry of a bean in line with its current status: schedule it at its
	 * next retry, or cancel it when it has none.
	 * @param beanName the name of the generated bean
	 */
	public synchronized void reschedule(String beanName) {
		DynamicBeanStatus status = this.factory.getStatus(beanName);
		Instant nextRetry = (status != null) ? status.nextRetry() : null;
		ScheduledRetry current = this.retries.get(beanName);
		if (current != null && current.at().equals(nextRetry)) {
			return;
		}
		if (current != null) {
			current.future().cancel(false);
			this.retries.remove(beanName);
		}
		if (nextRetry != null && this.running) {
			ScheduledFuture<?> future = this.scheduler.schedule(() -> retry(beanName), nextRetry);
			this.retries.put(beanName, new ScheduledRetry(nextRetry, future));
		}
	}

	private void retry(String beanName) {
		synchronized (this) {
			this.retries.remove(beanName);
		}
		try {
			this.factory.recover(beanName);
		}
		catch (RuntimeException ex) {
			logger.warn("Scheduled recovery of dynamic bean '" + beanName + "' failed", ex);
		}
	}

	/**
	 * Return when the next retry of a bean is scheduled.
	 * @param beanName the name of the generated bean
	 * @return the scheduled instant, or {@code null} if none is scheduled
	 */
	public synchronized @Nullable Instant getScheduledRetry(String beanName) {
		ScheduledRetry retry = this.retries.get(beanName);
		return (retry != null) ? retry.at() : null;
	}

	@Override
	public synchronized void start() {
		if (!this.running) {
			this.running = true;
			this.factory.getStatuses().forEach((status) -> reschedule(status.beanName()));
		}
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		this.retries.values().forEach((retry) -> retry.future().cancel(false));
		this.retries.clear();
	}

	@Override
	public synchronized boolean isRunning() {
		return this.running;
	}

	@Override
	public void destroy() {
		stop();
		if (this.ownScheduler != null) {
			this.ownScheduler.shutdown();
		}
	}

	private record ScheduledRetry(Instant at, ScheduledFuture<?> future) {
	}

}
