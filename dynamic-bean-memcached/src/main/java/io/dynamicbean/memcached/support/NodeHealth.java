/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.Assert;

/**
 * The health of one memcached node, fed by the outcome of its operations and of background
 * probes. A node is {@link State#ANSWERING} until an operation fails; it is then
 * {@link State#FAILING}: requests leave it alone and only probes try it. After
 * {@code downThreshold} consecutive failures it is {@link State#DOWN}, logged once at WARN; the
 * first success makes it answering again, logged once at INFO when it had been down, with how
 * long it was down and how many times the client tried to reconnect to it meanwhile
 * ({@link #reconnected(int)}; the client's own line per attempt is kept at DEBUG by
 * {@link SpyMemcachedLogger}). Transient failures are logged at DEBUG only, so that a node that
 * blinks costs no log noise.
 */
public final class NodeHealth {

	private static final Log logger = LogFactory.getLog(NodeHealth.class);

	private final String address;

	private final int downThreshold;

	private final Clock clock;

	private volatile State state;

	private volatile Instant since;

	private int consecutiveFailures;

	private int reconnectAttempts;

	/**
	 * Create the health of a node, answering.
	 * @param address the node's {@code host:port}, for messages
	 * @param downThreshold consecutive failures after which the node is down, at least 1
	 * @param clock the clock that stamps state changes
	 */
	public NodeHealth(String address, int downThreshold, Clock clock) {
		Assert.hasText(address, "address must not be empty");
		Assert.isTrue(downThreshold > 0, "downThreshold must be at least 1");
		Assert.notNull(clock, "clock must not be null");
		this.address = address;
		this.downThreshold = downThreshold;
		this.clock = clock;
		this.state = State.ANSWERING;
		this.since = clock.instant();
	}

	/**
	 * Record that the node answered.
	 */
	public synchronized void succeeded() {
		this.consecutiveFailures = 0;
		if (this.state == State.ANSWERING) {
			return;
		}
		Instant now = this.clock.instant();
		if (this.state == State.DOWN) {
			logger.info("Memcached node " + this.address + " answers again after " + reconnects()
					+ describe(Duration.between(this.since, now)) + " down; its sessions are served by it again");
		}
		else {
			logger.debug("Memcached node " + this.address + " answers again");
		}
		this.state = State.ANSWERING;
		this.since = now;
		this.reconnectAttempts = 0;
	}

	private String reconnects() {
		if (this.reconnectAttempts == 0) {
			return "";
		}
		return this.reconnectAttempts + ((this.reconnectAttempts == 1) ? " reconnect attempt" : " reconnect attempts")
				+ " over ";
	}

	/**
	 * Describe a duration for an operator: {@code 850 ms}, {@code 12.3 s} or {@code 4 min 12 s}.
	 * @param duration a duration, not negative
	 * @return the description
	 */
	static String describe(Duration duration) {
		if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
			return duration.toMillis() + " ms";
		}
		if (duration.compareTo(Duration.ofMinutes(2)) < 0) {
			return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
		}
		return duration.toMinutes() + " min " + duration.toSecondsPart() + " s";
	}

	/**
	 * Record that the client connected to the node again, after the given number of attempts
	 * since its connection was lost; the count is logged when the node answers again.
	 * @param attempts the client's reconnect attempts, 0 or more
	 */
	public synchronized void reconnected(int attempts) {
		this.reconnectAttempts += Math.max(attempts, 0);
	}

	/**
	 * Record that an operation on the node, or a probe of it, failed.
	 * @param reason what failed, for the log
	 */
	public synchronized void failed(String reason) {
		this.consecutiveFailures++;
		if (this.state == State.ANSWERING) {
			this.state = State.FAILING;
			this.since = this.clock.instant();
			this.reconnectAttempts = 0;
			logger.debug("Memcached node " + this.address + " failing: " + reason);
		}
		if (this.state == State.FAILING && this.consecutiveFailures >= this.downThreshold) {
			this.state = State.DOWN;
			logger.warn("Memcached node " + this.address + " is down (" + this.consecutiveFailures
					+ " consecutive failures, the last: " + reason + "); its sessions are served by the other nodes "
					+ "until it answers again");
		}
	}

	/**
	 * Record that the node did not answer when first tried, and is down from the start.
	 * @param reason why, for the log
	 */
	public synchronized void downAtStart(String reason) {
		this.consecutiveFailures = this.downThreshold;
		this.state = State.DOWN;
		this.since = this.clock.instant();
		this.reconnectAttempts = 0;
		logger.warn("Memcached node " + this.address + " is down (" + reason + "); it is used as soon as it answers");
	}

	/**
	 * Tell whether requests may use the node.
	 * @return whether it is answering
	 */
	public boolean isAnswering() {
		return this.state == State.ANSWERING;
	}

	/**
	 * Return the node's state.
	 * @return the state
	 */
	public State getState() {
		return this.state;
	}

	/**
	 * Return when the node entered its state.
	 * @return the instant
	 */
	public Instant getSince() {
		return this.since;
	}

	/**
	 * Return the node's {@code host:port}.
	 * @return the address
	 */
	public String getAddress() {
		return this.address;
	}

	/**
	 * The state of a node.
	 */
	public enum State {

		/** The node answers; requests use it. */
		ANSWERING,

		/** An operation failed moments ago; requests leave the node alone while probes try it. */
		FAILING,

		/** The node failed repeatedly; requests leave it alone while probes try it. */
		DOWN

	}

}
