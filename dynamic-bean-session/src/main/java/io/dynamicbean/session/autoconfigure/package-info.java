/**
 * Spring Boot auto-configuration of the switchable session front and its properties.
 */
@NullMarked
package io.dynamicbean.session.autoconfigure;

import org.jspecify.annotations.NullMarked;
