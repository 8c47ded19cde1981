/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.simulation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The one time of a simulation: it moves only when the simulation advances it, or when an
 * operation waits for a reply that does not come (by the time waited). Each instance reads it
 * through its own {@link #clock(Duration) clock}, which may be skewed.
 */
public final class SimulatedTime {

	static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

	private long nanos;

	private boolean waitsCost = true;

	Instant now() {
		return START.plusNanos(this.nanos);
	}

	long epochSecond() {
		return now().getEpochSecond();
	}

	public void advance(Duration duration) {
		this.nanos += duration.toNanos();
	}

	/**
	 * Let a wait for a reply that does not come pass: it costs the time waited, except in
	 * background work (probes), which no request waits for.
	 */
	void waited(long nanos) {
		if (this.waitsCost) {
			this.nanos += Math.max(nanos, 0);
		}
	}

	/**
	 * Run background work, whose waits cost no request's time.
	 */
	public void inBackground(Runnable work) {
		this.waitsCost = false;
		try {
			work.run();
		}
		finally {
			this.waitsCost = true;
		}
	}

	public Clock clock(Duration skew) {
		return new SkewedClock(this, skew);
	}

	private static final class SkewedClock extends Clock {

		private final SimulatedTime time;

		private final Duration skew;

		SkewedClock(SimulatedTime time, Duration skew) {
			this.time = time;
			this.skew = skew;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException("A simulated clock is in UTC");
		}

		@Override
		public Instant instant() {
			return this.time.now().plus(this.skew);
		}

	}

}
