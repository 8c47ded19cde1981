/**
 * Plain Spring configuration imported by {@link io.dynamicbean.EnableDynamicBeans}.
 */
@NullMarked
package io.dynamicbean.config;

import org.jspecify.annotations.NullMarked;
