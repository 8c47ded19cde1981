/**
 * Spring application events published on each transition of a dynamic bean.
 */
@NullMarked
package io.dynamicbean.event;

import org.jspecify.annotations.NullMarked;
