/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.l7check.autoconfigure;

import io.dynamicbean.l7check.AddressAllowList;
import io.dynamicbean.l7check.L7CheckAccessPolicy;
import io.dynamicbean.l7check.L7CheckHandler;
import io.dynamicbean.l7check.L7CheckState;
import io.dynamicbean.l7check.autoconfigure.L7CheckProperties.ChangePort;
import io.dynamicbean.l7check.support.ClientAddressSource;
import io.dynamicbean.l7check.support.ManagementPort;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Auto-configuration of the L7 check in a servlet web application: the {@link L7CheckState} backed
 * by Spring Boot's readiness, the {@link L7CheckAccessPolicy} from {@link L7CheckProperties}, and
 * the {@link L7CheckHandler} routed at {@code dynamic-bean.l7check.path} ({@code /monitor/l7check}
 * by default). Logs at start-up who may change the check and where the client address comes from,
 * at WARN when clients could forge it.
 *
 * <p>With {@code dynamic-bean.l7check.change-port=management}, the route on the application's port
 * is read-only ({@code GET}, {@code HEAD}; {@code 405} for {@code PUT}) and
 * {@link L7CheckManagementContextConfiguration} serves {@code PUT} on Spring Boot's management port;
 * start-up fails when there is no such port.
 *
 * <p>Every bean backs off when the application defines one of its type (the route: a bean named
 * {@code l7CheckRouterFunction}). Turned off with {@code dynamic-bean.l7check.enabled=false}.
 */
@AutoConfiguration(after = ApplicationAvailabilityAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnBooleanProperty(prefix = "dynamic-bean.l7check", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(L7CheckProperties.class)
public final class L7CheckAutoConfiguration {

	private static final Log logger = LogFactory.getLog(L7CheckAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	L7CheckState l7CheckState(ApplicationAvailability availability, ApplicationEventPublisher eventPublisher) {
		return new L7CheckState(availability, eventPublisher);
	}

	@Bean
	@ConditionalOnMissingBean
	L7CheckAccessPolicy l7CheckAccessPolicy(L7CheckProperties properties) {
		return new L7CheckAccessPolicy(AddressAllowList.of(properties.getAllowedAddresses()), properties.getToken());
	}

	@Bean
	@ConditionalOnMissingBean
	L7CheckHandler l7CheckHandler(L7CheckState state, L7CheckAccessPolicy accessPolicy) {
		return new L7CheckHandler(state, accessPolicy);
	}

	@Bean
	@ConditionalOnMissingBean(name = "l7CheckRouterFunction")
	RouterFunction<ServerResponse> l7CheckRouterFunction(L7CheckHandler handler, L7CheckProperties properties,
			Environment environment) {
		String path = properties.getPath();
		if (properties.getChangePort() == ChangePort.MANAGEMENT) {
			ManagementPort.require(environment);
			report(path, properties, ClientAddressSource.of(environment));
			return RouterFunctions.route()
				.GET(path, handler::check)
				.HEAD(path, handler::check)
				.route(RequestPredicates.path(path), handler::readOnly)
				.build();
		}
		report(path, properties, ClientAddressSource.of(environment));
		return routes(path, handler);
	}

	/**
	 * The check and its switch at a path.
	 * @param path the path
	 * @param handler the handler
	 * @return {@code GET}, {@code HEAD}, {@code PUT} and every other method at that path
	 */
	static RouterFunction<ServerResponse> routes(String path, L7CheckHandler handler) {
		return RouterFunctions.route()
			.GET(path, handler::check)
			.HEAD(path, handler::check)
			.PUT(path, handler::change)
			.route(RequestPredicates.path(path), handler::otherMethod)
			.build();
	}

	private static void report(String path, L7CheckProperties properties, ClientAddressSource clientAddress) {
		String port = (properties.getChangePort() == ChangePort.MANAGEMENT) ? " on the management port" : "";
		String allowed = "PUT " + path + port + " allowed from " + properties.getAllowedAddresses()
				+ ((properties.getToken() != null) ? " with the " + L7CheckAccessPolicy.TOKEN_HEADER + " token" : "");
		if (clientAddress.isSpoofable()) {
			logger.warn(allowed + ", but the client address comes from " + clientAddress);
		}
		else {
			logger.info(allowed + "; the client address comes from " + clientAddress);
		}
	}

}
