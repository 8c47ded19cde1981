/**
 * Spring Boot auto-configuration of dynamic beans and their {@code dynamic-bean.*} properties.
 */
@NullMarked
package io.dynamicbean.autoconfigure;

import org.jspecify.annotations.NullMarked;
