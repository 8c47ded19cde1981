/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.l7check.autoconfigure;

import io.dynamicbean.l7check.L7CheckHandler;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.function.support.HandlerFunctionAdapter;
import org.springframework.web.servlet.function.support.RouterFunctionMapping;

/**
 * Serves the L7 check and its switch ({@code GET}, {@code HEAD}, {@code PUT}) on Spring Boot's
 * management port, in the child context that Spring Boot starts for it, when
 * {@code dynamic-bean.l7check.change-port=management}. Uses the {@link L7CheckHandler} of the
 * application's context, so both ports show and change one state under one access policy.
 *
 * <p>The child context routes with a handler mapping and a handler adapter of its own, not with the
 * application's {@code RouterFunction} beans.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnProperty(prefix = "dynamic-bean.l7check", name = "change-port", havingValue = "management")
@ConditionalOnBean({ L7CheckHandler.class, L7CheckProperties.class })
public final class L7CheckManagementContextConfiguration {

	@Bean
	RouterFunctionMapping l7CheckManagementHandlerMapping(L7CheckHandler handler, L7CheckProperties properties) {
		RouterFunctionMapping mapping = new RouterFunctionMapping(
				L7CheckAutoConfiguration.routes(properties.getPath(), handler));
		mapping.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
		return mapping;
	}

	@Bean
	HandlerFunctionAdapter l7CheckManagementHandlerAdapter() {
		return new HandlerFunctionAdapter();
	}

}
