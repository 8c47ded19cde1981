/**
 * Actuator endpoint, health indicator and Micrometer metrics of dynamic beans, with their Spring
 * Boot auto-configuration.
 */
@NullMarked
package io.dynamicbean.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
