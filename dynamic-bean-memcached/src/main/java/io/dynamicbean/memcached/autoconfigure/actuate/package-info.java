/**
 * Micrometer meters of the memcached session store, under {@code dynamic.bean.session.}, with
 * their Spring Boot auto-configuration.
 */
@NullMarked
package io.dynamicbean.memcached.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
