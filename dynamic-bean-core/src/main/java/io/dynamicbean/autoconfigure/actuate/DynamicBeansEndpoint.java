/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.autoconfigure.actuate;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.dynamicbean.DynamicBeanFactory;
import io.dynamicbean.DynamicBeanState;
import io.dynamicbean.DynamicBeanStatus;
import io.dynamicbean.NoSuchDynamicGeneratorException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.util.Assert;

/**
 * Actuator endpoint {@code dynamicbeans}: the state of every dynamic bean, and recovery by hand.
 *
 * <ul>
 * <li>{@code GET /actuator/dynamicbeans}: every dynamic bean, dependencies before dependents;</li>
 * <li>{@code GET /actuator/dynamicbeans/{name}}: one bean, {@code 404} when no generator produces
 * it;</li>
 * <li>{@code POST /actuator/dynamicbeans}: try now to generate every missing bean, ignoring retry
 * delays; answers every bean afterwards;</li>
 * <li>{@code POST /actuator/dynamicbeans/{name}}: the same for one bean and its missing
 * dependencies; {@code 400} when no generator produces it.</li>
 * </ul>
 *
 * <p>Like every actuator endpoint it is exposed over HTTP only when listed in
 * {@code management.endpoints.web.exposure.include}; the write operations can be limited with
 * {@code management.endpoint.dynamicbeans.access=read-only}.
 *
 * <p>A store module can describe its beans further through a {@link DynamicBeanDetailsContributor}:
 * what the contributors say of a bean is its {@code details}, left out when they say nothing.
 */
@Endpoint(id = "dynamicbeans")
public class DynamicBeansEndpoint {

	private static final Log logger = LogFactory.getLog(DynamicBeansEndpoint.class);

	private final DynamicBeanFactory dynamicBeanFactory;

	private final List<DynamicBeanDetailsContributor> detailsContributors;

	/**
	 * Create an endpoint without details contributors.
	 * @param dynamicBeanFactory the factory whose beans to report and recover, not {@code null}
	 */
	public DynamicBeansEndpoint(DynamicBeanFactory dynamicBeanFactory) {
		this(dynamicBeanFactory, List.of());
	}

	/**
	 * Create an endpoint.
	 * @param dynamicBeanFactory the factory whose beans to report and recover, not {@code null}
	 * @param detailsContributors what describes the beans further, in order, not {@code null}
	 */
	public DynamicBeansEndpoint(DynamicBeanFactory dynamicBeanFactory,
			List<DynamicBeanDetailsContributor> detailsContributors) {
		Assert.notNull(dynamicBeanFactory, "dynamicBeanFactory must not be null");
		Assert.notNull(detailsContributors, "detailsContributors must not be null");
		this.dynamicBeanFactory = dynamicBeanFactory;
		this.detailsContributors = List.copyOf(detailsContributors);
	}

	/**
	 * Return the state of every dynamic bean.
	 * @return every bean, dependencies before dependents
	 */
	@ReadOperation
	public DynamicBeansDescriptor dynamicBeans() {
		return describeAll(this.dynamicBeanFactory.getStatuses());
	}

	/**
	 * Return the state of one dynamic bean.
	 * @param name the name of the generated bean
	 * @return the bean, or {@code null} (answered as {@code 404}) when no generator produces it
	 */
	@ReadOperation
	public @Nullable DynamicBeanDescriptor dynamicBean(@Selector String name) {
		DynamicBeanStatus status = this.dynamicBeanFactory.getStatus(name);
		return (status != null) ? describe(status) : null;
	}

	/**
	 * Try now to generate every missing dynamic bean, dependencies first, ignoring retry delays.
	 * @return every bean afterwards
	 */
	@WriteOperation
	public DynamicBeansDescriptor recoverAll() {
		return describeAll(this.dynamicBeanFactory.recover());
	}

	/**
	 * Try now to generate one dynamic bean and its missing dependencies, ignoring retry delays.
	 * @param name the name of the generated bean
	 * @return the bean afterwards
	 * @throws InvalidEndpointRequestException (answered as {@code 400}) when no generator produces
	 * a bean of that name
	 */
	@WriteOperation
	public DynamicBeanDescriptor recover(@Selector String name) {
		try {
			return describe(this.dynamicBeanFactory.recover(name));
		}
		catch (NoSuchDynamicGeneratorException ex) {
			throw new InvalidEndpointRequestException(ex.getMessage(), "No dynamic bean named '" + name + "'");
		}
	}

	private DynamicBeansDescriptor describeAll(List<DynamicBeanStatus> statuses) {
		return new DynamicBeansDescriptor(statuses.stream().map(this::describe).toList());
	}

	private DynamicBeanDescriptor describe(DynamicBeanStatus status) {
		return DynamicBeanDescriptor.of(status, details(status));
	}

	/**
	 * Merge what the contributors say of a bean; a contributor that fails is named in the
	 * details instead, so that one broken contributor never breaks the endpoint.
	 */
	private @Nullable Map<String, Object> details(DynamicBeanStatus status) {
		Map<String, Object> details = new LinkedHashMap<>();
		for (DynamicBeanDetailsContributor contributor : this.detailsContributors) {
			try {
				details.putAll(contributor.details(status));
			}
			catch (RuntimeException ex) {
				logger.debug("Details contributor " + contributor + " failed for dynamic bean '"
						+ status.beanName() + "'", ex);
				details.put("detailsFailure", contributor.getClass().getName() + ": " + ex);
			}
		}
		return details.isEmpty() ? null : details;
	}

	/**
	 * Every dynamic bean of the application.
	 *
	 * @param beans the beans, dependencies before dependents
	 */
	public record DynamicBeansDescriptor(List<DynamicBeanDescriptor> beans) implements OperationResponseBody {

	}

	/**
	 * One dynamic bean, as an operator sees it.
	 *
	 * @param name the bean name
	 * @param type the fully qualified name of the bean type
	 * @param generator the name of the generator bean
	 * @param state the current state
	 * @param attempts how many times the generator has been called
	 * @param consecutiveFailures failed attempts since the bean was last active
	 * @param lastFailure the last failure and its causes on one line
	 * ({@code ExceptionClass: message; caused by ...}), {@code null} if none since the last
	 * success
	 * @param lastFailureTime when the last failure happened, {@code null} if never
	 * @param activeSince when the bean became active, {@code null} unless it is active
	 * @param nextRetry when the next automatic retry is due, {@code null} if none is scheduled
	 * @param delaySeconds the generator's retry delay, {@code 0} for never
	 * @param dependencies the names of the dynamic beans this bean needs
	 * @param details what the {@link DynamicBeanDetailsContributor details contributors} say of the
	 * bean, {@code null} when they say nothing
	 */
	public record DynamicBeanDescriptor(String name, String type, String generator, DynamicBeanState state,
			long attempts, long consecutiveFailures, @Nullable String lastFailure, @Nullable Instant lastFailureTime,
			@Nullable Instant activeSince, @Nullable Instant nextRetry, long delaySeconds, List<String> dependencies,
			@Nullable Map<String, Object> details) implements OperationResponseBody {

		static DynamicBeanDescriptor of(DynamicBeanStatus status, @Nullable Map<String, Object> details) {
			return new DynamicBeanDescriptor(status.beanName(), status.beanType().getName(), status.generatorName(),
					status.state(), status.attempts(), status.consecutiveFailures(),
					status.lastFailureDescription(), status.lastFailureTime(), status.activeSince(),
					status.nextRetry(), status.delay().toSeconds(), status.dependencies(), details);
		}

	}

}
