/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.autoconfigure.actuate;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.dynamicbean.DynamicBeanFactory;
import io.dynamicbean.DynamicBeanState;
import io.dynamicbean.DynamicBeanStatus;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.util.Assert;

/**
 * Health of dynamic beans, contributed as {@code dynamicBeans}. Always {@code UP}: a dynamic bean
 * exists precisely so that the application can serve without it, so a missing one must never
 * take the application out of service. The details say what is missing:
 *
 * <pre class="code">
 * "dynamicBeans": {
 *   "status": "UP",
 *   "details": {
 *     "missing": {
 *       "memcachedClient": {
 *         "state": "FAILED",
 *         "lastFailure": "java.net.ConnectException: Connection refused",
 *         "nextRetry": "2026-01-01T10:00:30Z"
 *       }
 *     },
 *     "states": { "PENDING": 0, "DIRECT_ONLY": 0, "GENERATING": 0, "ACTIVE": 2, "FAILED": 1, "WAITING": 0 }
 *   }
 * }
 * </pre>
 *
 * A missing bean is {@link DynamicBeanState#FAILED} or {@link DynamicBeanState#WAITING};
 * {@code lastFailure} and {@code nextRetry} are left out when there is none.
 */
public class DynamicBeansHealthIndicator implements HealthIndicator {

	private final DynamicBeanFactory dynamicBeanFactory;

	/**
	 * Create an indicator.
	 * @param dynamicBeanFactory the factory whose beans to report, not {@code null}
	 */
	public DynamicBeansHealthIndicator(DynamicBeanFactory dynamicBeanFactory) {
		Assert.notNull(dynamicBeanFactory, "dynamicBeanFactory must not be null");
		this.dynamicBeanFactory = dynamicBeanFactory;
	}

	@Override
	public Health health() {
		List<DynamicBeanStatus> statuses = this.dynamicBeanFactory.getStatuses();
		return Health.up().withDetail("missing", missing(statuses)).withDetail("states", countByState(statuses)).build();
	}

	private static Map<String, Map<String, Object>> missing(List<DynamicBeanStatus> statuses) {
		Map<String, Map<String, Object>> missing = new LinkedHashMap<>();
		for (DynamicBeanStatus status : statuses) {
			if (status.state().isMissing()) {
				missing.put(status.beanName(), describe(status));
			}
		}
		return missing;
	}

	private static Map<String, Object> describe(DynamicBeanStatus status) {
		Map<String, Object> description = new LinkedHashMap<>();
		description.put("state", status.state());
		String lastFailure = status.lastFailureDescription();
		if (lastFailure != null) {
			description.put("lastFailure", lastFailure);
		}
		if (status.nextRetry() != null) {
			description.put("nextRetry", status.nextRetry());
		}
		return description;
	}

	private static Map<DynamicBeanState, Long> countByState(List<DynamicBeanStatus> statuses) {
		Map<DynamicBeanState, Long> counts = new EnumMap<>(DynamicBeanState.class);
		for (DynamicBeanState state : DynamicBeanState.values()) {
			counts.put(state, 0L);
		}
		statuses.forEach((status) -> counts.merge(status.state(), 1L, Long::sum));
		return counts;
	}

}
