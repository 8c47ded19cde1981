/**
 * The machinery behind {@link io.dynamicbean.DynamicBeanFactory}: the generator graph, state
 * tracking and registration. Applications do not need to import anything from here.
 */
@NullMarked
package io.dynamicbean.support;

import org.jspecify.annotations.NullMarked;
