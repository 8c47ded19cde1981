/**
 * Safe Java serialization of session attribute values read back from shared stores: the
 * {@link io.dynamicbean.session.serialization.DeserializationAllowList} and the
 * {@link io.dynamicbean.session.serialization.SessionValueSerializer} for Redis and JDBC stores.
 */
@NullMarked
package io.dynamicbean.session.serialization;

import org.jspecify.annotations.NullMarked;
