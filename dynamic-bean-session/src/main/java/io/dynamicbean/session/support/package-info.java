/**
 * Machinery of the switchable session front that applications do not use directly.
 */
@NullMarked
package io.dynamicbean.session.support;

import org.jspecify.annotations.NullMarked;
