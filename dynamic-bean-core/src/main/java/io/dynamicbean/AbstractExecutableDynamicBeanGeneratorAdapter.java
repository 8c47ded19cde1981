/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean;

/**
 * A {@link DynamicGeneratorAdapter} with post-registration work: {@link #execute()} runs right
 * after the generated bean is registered, for example to switch the running application over to
 * the new bean.
 *
 * <p>The bean counts as {@link DynamicBeanState#ACTIVE} only once {@code execute()} has
 * succeeded. If it throws, the bean is removed again (its destroy callbacks run) and the
 * generator is retried like a failed {@link #generate()}.
 *
 * @param <T> the type of the generated bean
 */
public abstract class AbstractExecutableDynamicBeanGeneratorAdapter<T> extends DynamicGeneratorAdapter<T> {

	/**
	 * Create an adapter whose bean type is resolved from the generic parameter of the subclass.
	 */
	protected AbstractExecutableDynamicBeanGeneratorAdapter() {
	}

	/**
	 * Create an adapter for the given bean type.
	 * @param beanType the type of the generated bean, not {@code null}
	 */
	protected AbstractExecutableDynamicBeanGeneratorAdapter(Class<T> beanType) {
		super(beanType);
	}

	/**
	 * Run after the generated bean has been registered; the bean is available from the
	 * application context (and {@link DynamicAutowired} fields are still set) when this runs.
	 * @throws Exception to undo the registration and retry later
	 */
	public abstract void execute() throws Exception;

}
