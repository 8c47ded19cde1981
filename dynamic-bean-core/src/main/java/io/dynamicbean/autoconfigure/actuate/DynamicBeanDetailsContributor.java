/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.autoconfigure.actuate;

import java.util.Map;

import io.dynamicbean.DynamicBeanStatus;

/**
 * Adds what a store module knows about one of its dynamic beans to that bean's {@code details}
 * in the {@link DynamicBeansEndpoint dynamicbeans} endpoint: for instance the state of each node
 * behind a client. Every bean of this type in the application context is asked about every
 * dynamic bean, in {@link org.springframework.core.annotation.Order order}; their answers are
 * merged, a later key replacing an earlier one. A bean about which no contributor says anything
 * has no {@code details}.
 *
 * <pre class="code">
 * &#64;Bean
 * DynamicBeanDetailsContributor clientDetails(ObjectProvider&lt;Client&gt; client) {
 *     return (status) -&gt; {
 *         Client current = client.getIfAvailable();
 *         return (current != null &amp;&amp; Client.class.isAssignableFrom(status.beanType()))
 *                 ? Map.of("server", current.getServer()) : Map.of();
 *     };
 * }
 * </pre>
 *
 * Details are rendered as JSON by the actuator, so values should be strings, numbers, booleans,
 * {@link java.time.Instant instants}, enums, lists and maps of those.
 */
@FunctionalInterface
public interface DynamicBeanDetailsContributor {

	/**
	 * Return the details of one dynamic bean.
	 * @param status the bean's current status
	 * @return the details to add, empty (never {@code null}) for a bean the contributor does not
	 * describe or while it has nothing to say about it
	 */
	Map<String, Object> details(DynamicBeanStatus status);

}
