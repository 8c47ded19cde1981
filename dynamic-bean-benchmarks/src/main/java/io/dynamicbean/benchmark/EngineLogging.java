/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.benchmark;

import java.io.OutputStream;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;

/**
 * Routes the engine's log (commons-logging falls back to {@code java.util.logging} on the
 * benchmark class path) into a handler that formats every record at or above a level and
 * discards the text: the cost of logging is measured, not the speed of a terminal.
 */
final class EngineLogging {

	/** Kept here: java.util.logging holds loggers weakly, and would forget the configuration. */
	private static final Logger engineLogger = Logger.getLogger("io.dynamicbean");

	private EngineLogging() {
	}

	/**
	 * Format and discard the engine's records at {@code level} and above.
	 * @param level the lowest level formatted, for example WARNING or INFO
	 */
	static synchronized void formatAndDiscard(Level level) {
		for (Handler handler : engineLogger.getHandlers()) {
			engineLogger.removeHandler(handler);
		}
		Handler discard = new StreamHandler(OutputStream.nullOutputStream(), new SimpleFormatter());
		discard.setLevel(level);
		engineLogger.setLevel(level);
		engineLogger.setUseParentHandlers(false);
		engineLogger.addHandler(discard);
	}

}
