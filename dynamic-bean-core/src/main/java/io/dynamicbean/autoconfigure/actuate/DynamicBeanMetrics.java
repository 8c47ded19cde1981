/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.autoconfigure.actuate;

import java.time.Duration;

import io.dynamicbean.DynamicBeanFactory;
import io.dynamicbean.DynamicBeanListener;
import io.dynamicbean.DynamicBeanState;
import io.dynamicbean.DynamicBeanStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.util.Assert;

/**
 * Micrometer metrics of dynamic beans:
 * <ul>
 * <li>{@code dynamic.bean.attempts} (counter, tags {@code bean} and {@code outcome}
 * {@code success|failure}): calls of a generator;</li>
 * <li>{@code dynamic.bean.generation} (timer, same tags): how long each attempt took, from the
 * call of {@code generate()} to the end of {@code execute()};</li>
 * <li>{@code dynamic.bean.invalidations} (counter, tag {@code bean}): active beans taken out,
 * counted for the invalidated bean and for each dependent removed with it;</li>
 * <li>{@code dynamic.beans} (gauge, tag {@code state}, one per {@link DynamicBeanState} name):
 * how many dynamic beans are in that state now.</li>
 * </ul>
 *
 * <p>Counters and the timer are recorded on the registry given to the constructor, so that the
 * attempts made during start-up, before Spring Boot binds {@link MeterBinder}s, are counted.
 * The gauges are registered by {@link #bindTo(MeterRegistry)}. Must be a bean of the application
 * context for the {@link DynamicBeanFactory} to call it.
 */
public class DynamicBeanMetrics implements DynamicBeanListener, MeterBinder {

	private static final String SUCCESS = "success";

	private static final String FAILURE = "failure";

	private final DynamicBeanFactory dynamicBeanFactory;

	private final MeterRegistry registry;

	/**
	 * Create the metrics.
	 * @param dynamicBeanFactory the factory whose beans to count by state, not {@code null}
	 * @param registry the registry to record attempts and invalidations on, not {@code null}
	 */
	public DynamicBeanMetrics(DynamicBeanFactory dynamicBeanFactory, MeterRegistry registry) {
		Assert.notNull(dynamicBeanFactory, "dynamicBeanFactory must not be null");
		Assert.notNull(registry, "registry must not be null");
		this.dynamicBeanFactory = dynamicBeanFactory;
		this.registry = registry;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (DynamicBeanState state : DynamicBeanState.values()) {
			Gauge.builder("dynamic.beans", this, (metrics) -> metrics.count(state))
				.tag("state", state.name())
				.description("Dynamic beans in each state")
				.baseUnit("beans")
				.register(registry);
		}
	}

	private double count(DynamicBeanState state) {
		return this.dynamicBeanFactory.getStatuses().stream().filter((status) -> status.state() == state).count();
	}

	@Override
	public void onAttempt(DynamicBeanStatus status, Duration duration) {
		String outcome = status.isActive() ? SUCCESS : FAILURE;
		Counter.builder("dynamic.bean.attempts")
			.tag("bean", status.beanName())
			.tag("outcome", outcome)
			.description("Calls of the generator of a dynamic bean")
			.register(this.registry)
			.increment();
		Timer.builder("dynamic.bean.generation")
			.tag("bean", status.beanName())
			.tag("outcome", outcome)
			.description("Time taken to generate a dynamic bean and run its execute() hook")
			.register(this.registry)
			.record(duration);
	}

	@Override
	public void onInvalidated(DynamicBeanStatus status) {
		Counter.builder("dynamic.bean.invalidations")
			.tag("bean", status.beanName())
			.description("Active dynamic beans taken out of the application context")
			.register(this.registry)
			.increment();
	}

}
