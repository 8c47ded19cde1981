/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.l7check;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.util.Assert;

/**
 * Whether this instance should receive traffic, kept as Spring Boot's readiness state so that the
 * L7 check and {@code /actuator/health/readiness} always agree. Up means
 * {@link ReadinessState#ACCEPTING_TRAFFIC}; Spring Boot sets it once the application is ready, and
 * it stays as an operator sets it afterwards.
 */
public class L7CheckState {

	private final ApplicationAvailability availability;

	private final ApplicationEventPublisher eventPublisher;

	/**
	 * Create a state backed by the application's availability.
	 * @param availability where the readiness state is read, not {@code null}
	 * @param eventPublisher where readiness changes are published, not {@code null}
	 */
	public L7CheckState(ApplicationAvailability availability, ApplicationEventPublisher eventPublisher) {
		Assert.notNull(availability, "availability must not be null");
		Assert.notNull(eventPublisher, "eventPublisher must not be null");
		this.availability = availability;
		this.eventPublisher = eventPublisher;
	}

	/**
	 * Whether this instance should receive traffic now.
	 * @return {@code true} while the readiness state is {@link ReadinessState#ACCEPTING_TRAFFIC}
	 */
	public boolean isUp() {
		return this.availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC;
	}

	/**
	 * Set whether this instance should receive traffic, publishing an
	 * {@link AvailabilityChangeEvent} when that changes the readiness state.
	 * @param up {@code true} to accept traffic, {@code false} to refuse it
	 * @return whether the state was up before
	 */
	public synchronized boolean setUp(boolean up) {
		boolean wasUp = isUp();
		if (up != wasUp) {
			AvailabilityChangeEvent.publish(this.eventPublisher, this,
					up ? ReadinessState.ACCEPTING_TRAFFIC : ReadinessState.REFUSING_TRAFFIC);
		}
		return wasUp;
	}

}
