/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.support;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.dynamicbean.DynamicBeanStatus;
import org.apache.commons.logging.Log;

/**
 * The one warning logged at the end of start-up generation: which dynamic beans are missing, why,
 * and when each will be retried. Failures during start-up are not logged one by one (their stack
 * traces are at DEBUG), so an application started without its cache logs exactly one warning.
 */
final class StartupReport {

	private StartupReport() {
	}

	static void log(Log logger, List<GeneratorNode> nodes, Instant now) {
		List<String> missing = nodes.stream()
			.filter((node) -> node.currentState().isMissing())
			.map((node) -> describe(node, now))
			.toList();
		long active = nodes.stream().filter(GeneratorNode::isActive).count();
		if (!missing.isEmpty()) {
			logger.warn("Application started without " + missing.size() + " of " + nodes.size() + " dynamic beans: "
					+ String.join("; ", missing));
		}
		else if (logger.isInfoEnabled()) {
			logger.info("All " + active + " dynamic beans generated at start-up are active"
					+ ((active < nodes.size()) ? " (" + (nodes.size() - active) + " direct-only)" : ""));
		}
	}

	private static String describe(GeneratorNode node, Instant now) {
		DynamicBeanStatus status = node.status();
		GeneratorNode waitingFor = node.waitingFor;
		String state = (waitingFor != null) ? "waiting for '" + waitingFor.beanName + "'"
				: "failed (" + status.lastFailureDescription() + ")";
		return "'" + status.beanName() + "' " + state + ", " + retry(node, now);
	}

	private static String retry(GeneratorNode node, Instant now) {
		Instant ownRetry = node.status().nextRetry();
		if (ownRetry != null) {
			return "retried in " + secondsUntil(now, ownRetry) + " s";
		}
		GeneratorNode carrier = node.retriedWith;
		Instant carrierRetry = (carrier != null) ? carrier.status().nextRetry() : null;
		if (carrier != null && carrierRetry != null) {
			return "retried with '" + carrier.beanName + "' in " + secondsUntil(now, carrierRetry) + " s";
		}
		return "not retried automatically (delay 0)";
	}

	/** Whole seconds from now until then, rounded to the nearest so that a 30 s delay reads "30 s". */
	static long secondsUntil(Instant now, Instant then) {
		long millis = Math.max(0, Duration.between(now, then).toMillis());
		return (millis + 500) / 1000;
	}

}
