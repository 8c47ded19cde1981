/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.support;

import net.spy.memcached.compat.log.AbstractLogger;
import net.spy.memcached.compat.log.Level;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Sends spymemcached's log lines to commons-logging, one level lower, with exceptions on the
 * same line: spymemcached warns at each reconnection attempt to a node that is down (every second
 * per node, {@value #RECONNECT_ATTEMPT_PREFIX}...) and prints a stack trace for each refused
 * connection, while the session store already logs one WARN when a node goes down and one INFO
 * when it is back, with the number of reconnect attempts ({@link NodeHealth}). So spymemcached's
 * line per reconnect attempt becomes DEBUG, its other WARN lines INFO, its INFO DEBUG, its ERROR
 * and FATAL WARN; an exception is printed as its class and message, and its stack trace only at
 * DEBUG ({@code logging.level.net.spy.memcached=DEBUG}).
 *
 * <p>{@link #install()} makes spymemcached use it, through the system property
 * {@value #LOGGER_PROPERTY}, unless that property is already set.
 */
public final class SpyMemcachedLogger extends AbstractLogger {

	/** How spymemcached's WARN line of each reconnect attempt starts. */
	static final String RECONNECT_ATTEMPT_PREFIX = "Closing, and reopening ";

	/** How spymemcached's WARN line of a reconnect attempt that failed at once starts. */
	static final String RECONNECT_ERROR_PREFIX = "Error on reconnect";

	/** The system property that names spymemcached's logger implementation. */
	public static final String LOGGER_PROPERTY = "net.spy.log.LoggerImpl";

	private final Log log;

	/**
	 * Create a logger; called by spymemcached's logger factory.
	 * @param name the logger name
	 */
	public SpyMemcachedLogger(String name) {
		super(name);
		this.log = LogFactory.getLog(name);
	}

	/**
	 * Make spymemcached log through this class, unless {@value #LOGGER_PROPERTY} is set.
	 */
	public static void install() {
		if (System.getProperty(LOGGER_PROPERTY) == null) {
			System.setProperty(LOGGER_PROPERTY, SpyMemcachedLogger.class.getName());
		}
	}

	@Override
	public boolean isTraceEnabled() {
		return this.log.isTraceEnabled();
	}

	@Override
	public boolean isDebugEnabled() {
		return this.log.isTraceEnabled();
	}

	@Override
	public boolean isInfoEnabled() {
		return this.log.isDebugEnabled();
	}

	@Override
	public void log(Level level, Object message, Throwable ex) {
		String line = (ex != null) ? message + ": " + ex : String.valueOf(message);
		if (level == Level.WARN && isReconnectAttempt(line)) {
			this.log.debug(line, ex);
			return;
		}
		switch (level) {
			case TRACE, DEBUG -> this.log.trace(line, ex);
			case INFO -> this.log.debug(line, ex);
			case WARN -> {
				this.log.info(line);
				if (ex != null && this.log.isDebugEnabled()) {
					this.log.debug(message, ex);
				}
			}
			default -> {
				this.log.warn(line);
				if (ex != null && this.log.isDebugEnabled()) {
					this.log.debug(message, ex);
				}
			}
		}
	}

	private static boolean isReconnectAttempt(String line) {
		return line.startsWith(RECONNECT_ATTEMPT_PREFIX) || line.startsWith(RECONNECT_ERROR_PREFIX);
	}

}
