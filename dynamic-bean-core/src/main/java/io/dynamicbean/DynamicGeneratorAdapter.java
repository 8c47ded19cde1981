/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean;

import org.jspecify.annotations.Nullable;

import org.springframework.core.ResolvableType;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Base class for {@link DynamicGenerator} implementations. Subclasses implement
 * {@link #generate()} and nothing else unless they need to.
 *
 * <p>Defaults:
 * <ul>
 * <li>bean type: the generic parameter {@code T}, resolved however deep the subclass hierarchy
 * ({@code class Concrete extends Base<Foo>} with {@code class Base<T> extends
 * DynamicGeneratorAdapter<T>} yields {@code Foo});</li>
 * <li>bean name: the uncapitalized simple name of the bean type ({@code MemcachedClient} gives
 * {@code memcachedClient}), changed with {@link #setBeanName(String)} or by overriding
 * {@link #getBeanName()};</li>
 * <li>not direct-only;</li>
 * <li>delay: {@code 0} seconds, never retried; override {@link #getDelaySeconds()}.</li>
 * </ul>
 *
 * <pre class="code">
 * &#064;Component
 * class ReportClientGenerator extends DynamicGeneratorAdapter&lt;ReportClient&gt; {
 *
 *     &#064;Override
 *     public ReportClient generate() throws Exception {
 *         return ReportClient.connect("reports.internal:9000");
 *     }
 *
 *     &#064;Override
 *     public int getDelaySeconds() {
 *         return 30;
 *     }
 * }
 * </pre>
 *
 * @param <T> the type of the generated bean
 */
public abstract class DynamicGeneratorAdapter<T> implements DynamicGenerator<T> {

	private final Class<T> beanType;

	private @Nullable String beanName;

	/**
	 * Create an adapter whose bean type is resolved from the generic parameter of the subclass.
	 * @throws DynamicBeanDefinitionException if the generic parameter cannot be resolved (a raw
	 * or still-generic subclass); pass the type explicitly with
	 * {@link #DynamicGeneratorAdapter(Class)} instead
	 */
	protected DynamicGeneratorAdapter() {
		this.beanType = resolveBeanType(getClass());
	}

	/**
	 * Create an adapter for the given bean type, for generators whose type cannot be expressed as a
	 * resolved generic parameter.
	 * @param beanType the type of the generated bean, not {@code null}
	 */
	protected DynamicGeneratorAdapter(Class<T> beanType) {
		Assert.notNull(beanType, "beanType must not be null");
		this.beanType = beanType;
	}

	@SuppressWarnings("unchecked")
	private static <T> Class<T> resolveBeanType(Class<?> generatorClass) {
		Class<?> resolved = ResolvableType.forClass(generatorClass)
			.as(DynamicGeneratorAdapter.class)
			.getGeneric(0)
			.resolve();
		if (resolved == null) {
			throw new DynamicBeanDefinitionException("Cannot resolve the bean type of generator class '"
					+ generatorClass.getName() + "': declare a concrete type argument (extends "
					+ "DynamicGeneratorAdapter<MyBean>) or pass the type to the DynamicGeneratorAdapter(Class) "
					+ "constructor");
		}
		return (Class<T>) resolved;
	}

	@Override
	public Class<T> getBeanType() {
		return this.beanType;
	}

	/**
	 * Return the bean name: the one set with {@link #setBeanName(String)}, or else the
	 * uncapitalized simple name of the bean type.
	 */
	@Override
	public String getBeanName() {
		return (this.beanName != null) ? this.beanName : StringUtils.uncapitalize(this.beanType.getSimpleName());
	}

	/**
	 * Set the name under which the generated bean is registered.
	 * @param beanName the bean name, not empty; by default the uncapitalized simple name of the
	 * bean type
	 */
	public void setBeanName(String beanName) {
		Assert.hasText(beanName, "beanName must not be empty");
		this.beanName = beanName;
	}

	/**
	 * Return {@code false}: the bean is generated at start-up.
	 */
	@Override
	public boolean isOnlyDirectGenerate() {
		return false;
	}

	/**
	 * Return {@code 0}: a failed bean is not retried automatically. Override to retry.
	 */
	@Override
	public int getDelaySeconds() {
		return 0;
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[" + getBeanName() + "]";
	}

}
