/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Generates the beans of every {@link DynamicGenerator} in the application context, registers
 * them as singletons, and reports and controls their state.
 *
 * <p>At start-up every generator that is not direct-only is generated in dependency order; a
 * failure is logged and never stops the application. Failed beans are retried by
 * {@link DynamicBeanRecover}, and can be recovered by hand through {@link #recover(String)}.
 *
 * <p>Implementations are thread-safe: a generator never runs twice at once and a bean is
 * registered exactly once, whichever threads call in.
 *
 * @see io.dynamicbean.support.DefaultDynamicBeanFactory
 */
public interface DynamicBeanFactory {

	/**
	 * Return the dynamic bean of the given type, generating it now (with its missing dynamic
	 * dependencies) if it is not active. Used for direct-only generators, and to get at any
	 * dynamic bean on demand.
	 * @param <T> the bean type
	 * @param type the type of the bean, or a supertype that exactly one generator produces
	 * @return the registered bean
	 * @throws NoSuchDynamicGeneratorException if no generator (or more than one) produces the type
	 * @throws DynamicBeanGenerationException if the bean or one of its dependencies cannot be
	 * generated now
	 */
	<T> T generateBean(Class<T> type);

	/**
	 * Return the status of every dynamic bean, dependencies before their dependents.
	 * @return an immutable list of snapshots
	 */
	List<DynamicBeanStatus> getStatuses();

	/**
	 * Return the status of one dynamic bean.
	 * @param beanName the name of the generated bean
	 * @return a snapshot, or {@code null} if no generator produces a bean of that name
	 */
	@Nullable DynamicBeanStatus getStatus(String beanName);

	/**
	 * Try now to generate every missing bean (failed or waiting), dependencies first, ignoring
	 * retry delays. Direct-only beans that were never requested are left alone.
	 * @return the status of every dynamic bean afterwards
	 */
	List<DynamicBeanStatus> recover();

	/**
	 * Try now to generate one bean and its missing dependencies, ignoring retry delays. Does
	 * nothing if the bean is already active.
	 * @param beanName the name of the generated bean
	 * @return the status of the bean afterwards
	 * @throws NoSuchDynamicGeneratorException if no generator produces a bean of that name
	 */
	DynamicBeanStatus recover(String beanName);

	/**
	 * Take an active bean back out, for example because the backend it talks to died. The bean
	 * and every active bean that depends on it are removed from the application context (their
	 * destroy callbacks run, dependents first); the bean becomes {@link DynamicBeanState#FAILED}
	 * and its dependents {@link DynamicBeanState#WAITING}. They are recovered on their schedule.
	 * @param beanName the name of the generated bean
	 * @param cause why the bean is no longer usable, reported as its last failure
	 * @return {@code true} if the bean was active and has been removed, {@code false} if it was
	 * not active
	 * @throws NoSuchDynamicGeneratorException if no generator produces a bean of that name
	 */
	boolean invalidate(String beanName, Throwable cause);

}
