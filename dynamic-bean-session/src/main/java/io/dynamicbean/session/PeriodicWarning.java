/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Tells when a warning that may repeat under load is due again: at most once per period, so that
 * a flood does not flood the log too. Not thread-safe: used under its owner's lock.
 */
final class PeriodicWarning {

	/** How often a repeated warning is logged at most. */
	static final Duration PERIOD = Duration.ofMinutes(5);

	private @Nullable Instant next;

	private long suppressed;

	/**
	 * Return whether the warning is due now; if not, count it as suppressed.
	 * @param now the current time
	 * @return {@code true} at most once per {@link #PERIOD}
	 */
	boolean due(Instant now) {
		if (this.next != null && now.isBefore(this.next)) {
			this.suppressed++;
			return false;
		}
		this.next = now.plus(PERIOD);
		return true;
	}

	/**
	 * Return how many times the warning was not due since it was last due, and start counting
	 * again.
	 * @return the number of suppressed warnings
	 */
	long takeSuppressed() {
		long count = this.suppressed;
		this.suppressed = 0;
		return count;
	}

}
