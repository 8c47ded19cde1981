/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session.autoconfigure.actuate;

import io.dynamicbean.session.serialization.UnreadableValue;
import io.dynamicbean.session.serialization.UnreadableValues;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.util.Assert;

/**
 * Binds the counter {@code dynamic.bean.session.values.unreadable}, tagged {@code store} and
 * {@code reason} ({@code changed-class}, {@code missing-class}, {@code refused}, {@code corrupt}):
 * session values left out of a read because they could not be read, counted by
 * {@link UnreadableValues}.
 */
public class UnreadableValuesMetrics implements MeterBinder {

	/** The name of the counter. */
	public static final String NAME = SessionStoreMetrics.PREFIX + "values.unreadable";

	private final UnreadableValues unreadableValues;

	/**
	 * Create the binder.
	 * @param unreadableValues the counts to publish, not {@code null}
	 */
	public UnreadableValuesMetrics(UnreadableValues unreadableValues) {
		Assert.notNull(unreadableValues, "unreadableValues must not be null");
		this.unreadableValues = unreadableValues;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (UnreadableValue.Reason reason : UnreadableValue.Reason.values()) {
			FunctionCounter.builder(NAME, this.unreadableValues, (values) -> values.getCount(reason))
				.description("Session values left out of a read because they could not be read")
				.tag("store", this.unreadableValues.getStoreName())
				.tag("reason", reason.tag())
				.register(registry);
		}
	}

}
