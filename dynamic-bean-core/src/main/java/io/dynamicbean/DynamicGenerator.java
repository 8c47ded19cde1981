/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean;

/**
 * A Spring component that knows how to build one bean of type {@code T} that depends on something
 * external (a cache cluster, a database), so that the application can start without it.
 *
 * <p>The {@link DynamicBeanFactory} discovers every generator of the context, calls
 * {@link #generate()} at start-up (or on demand when {@link #isOnlyDirectGenerate()} is
 * {@code true}), and registers the result as a singleton named {@link #getBeanName()}. A generator
 * that fails is retried every {@link #getDelaySeconds()} seconds.
 *
 * <p>Most generators extend {@link DynamicGeneratorAdapter} rather than implementing this
 * interface directly. Generators receive ordinary Spring injection; fields annotated with
 * {@link DynamicAutowired} receive other dynamic beans.
 *
 * @param <T> the type of the generated bean
 * @see DynamicGeneratorAdapter
 * @see AbstractExecutableDynamicBeanGeneratorAdapter
 */
public interface DynamicGenerator<T> {

	/**
	 * Build the bean. Called with every {@link DynamicAutowired} field already injected. Must not
	 * return {@code null}. Any exception (or a {@code null} result) marks the bean as failed; the
	 * generator should release whatever it half-built before throwing.
	 * @return the new bean, never {@code null}
	 * @throws Exception when the external dependency is not available
	 */
	T generate() throws Exception;

	/**
	 * Whether this generator runs only when the application asks for its bean through
	 * {@link DynamicBeanFactory#generateBean(Class)}, rather than at start-up.
	 * @return {@code true} to skip start-up generation
	 */
	boolean isOnlyDirectGenerate();

	/**
	 * The type of the generated bean, used to match {@link DynamicAutowired} fields and
	 * {@link DynamicBeanFactory#generateBean(Class)} requests.
	 * @return the bean type, never {@code null}
	 */
	Class<T> getBeanType();

	/**
	 * The name under which the generated bean is registered.
	 * @return a bean name unique in the application context
	 */
	String getBeanName();

	/**
	 * How many seconds to wait before retrying after a failure; {@code 0} means never retry
	 * automatically (recovery can still be triggered through {@link DynamicBeanFactory#recover}).
	 * @return the retry delay in seconds, zero or positive
	 */
	int getDelaySeconds();

}
