/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.monitor;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The beans behind {@link L7CheckController}: its state and its access policy, configured by
 * {@link L7CheckProperties}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(L7CheckProperties.class)
public class L7CheckConfiguration {

	private static final Log logger = LogFactory.getLog(L7CheckConfiguration.class);

	@Bean
	L7CheckState l7CheckState(ApplicationAvailability availability, ApplicationEventPublisher eventPublisher) {
		return new L7CheckState(availability, eventPublisher);
	}

	@Bean
	L7CheckAccessPolicy l7CheckAccessPolicy(L7CheckProperties properties, Environment environment) {
		String strategy = environment.getProperty("server.forward-headers-strategy", "none");
		if (!"none".equalsIgnoreCase(strategy)) {
			logger.warn("server.forward-headers-strategy is '" + strategy + "': the servlet container rewrites the "
					+ "peer address from forwarded headers, so PUT " + L7CheckController.PATH + " is decided on an "
					+ "address that clients may forge; set it to 'none' and list your proxies in "
					+ "monitor.l7check.trusted-proxies instead");
		}
		logger.info("PUT " + L7CheckController.PATH + " allowed from " + properties.getAllowedAddresses()
				+ ((properties.getToken() != null) ? " with the " + L7CheckAccessPolicy.TOKEN_HEADER + " token" : "")
				+ (properties.getTrustedProxies().isEmpty() ? ""
						: "; X-Forwarded-For believed from " + properties.getTrustedProxies()));
		return new L7CheckAccessPolicy(properties);
	}

}
