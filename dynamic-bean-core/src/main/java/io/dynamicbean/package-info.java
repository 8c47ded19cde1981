/**
 * The public API of dynamic-bean: generators, {@code @DynamicAutowired}, the
 * {@link io.dynamicbean.DynamicBeanFactory}, recovery and the exceptions they throw.
 */
@NullMarked
package io.dynamicbean;

import org.jspecify.annotations.NullMarked;
