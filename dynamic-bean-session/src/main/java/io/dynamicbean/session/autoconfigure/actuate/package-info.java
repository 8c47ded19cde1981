/**
 * Micrometer meters of the session stores, under {@code dynamic.bean.session.}, with their Spring
 * Boot auto-configuration.
 */
@NullMarked
package io.dynamicbean.session.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
