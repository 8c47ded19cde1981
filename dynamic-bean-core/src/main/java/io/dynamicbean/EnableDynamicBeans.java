/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.dynamicbean.config.DynamicBeanConfiguration;

import org.springframework.context.annotation.Import;

/**
 * Turns dynamic beans on in a plain Spring application context: registers a
 * {@link DynamicBeanFactory} that generates the beans of every {@link DynamicGenerator} bean, and a
 * {@link DynamicBeanRecover} that retries failed ones, on a scheduler of its own (never the
 * application's), with the defaults of {@link DynamicBeanRecover} and
 * {@link io.dynamicbean.support.DefaultDynamicBeanFactory}.
 *
 * <p>Spring Boot applications do not need this annotation: the auto-configuration turns the
 * framework on.
 *
 * <pre class="code">
 * &#064;Configuration
 * &#064;EnableDynamicBeans
 * &#064;ComponentScan
 * class AppConfig {
 * }
 * </pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(DynamicBeanConfiguration.class)
public @interface EnableDynamicBeans {

}
