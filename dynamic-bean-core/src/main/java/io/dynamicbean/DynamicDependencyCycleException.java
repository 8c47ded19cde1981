/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean;

import java.util.List;

/**
 * Generators depend on each other in a cycle through {@link DynamicAutowired} fields, so none of
 * them could ever be generated.
 */
public class DynamicDependencyCycleException extends DynamicBeanDefinitionException {

	private final List<String> cycle;

	/**
	 * Create an exception for a cycle.
	 * @param cycle the bean names along the cycle, the first repeated at the end
	 */
	public DynamicDependencyCycleException(List<String> cycle) {
		super("Dynamic bean dependency cycle: " + String.join(" -> ", cycle)
				+ "; remove one of these @DynamicAutowired fields");
		this.cycle = List.copyOf(cycle);
	}

	/**
	 * Return the bean names along the cycle, the first repeated at the end ({@code a, b, a}).
	 * @return the cycle
	 */
	public List<String> getCycle() {
		return this.cycle;
	}

}
