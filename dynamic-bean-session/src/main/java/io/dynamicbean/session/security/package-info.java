/**
 * The switchable Spring Security {@code SecurityContextRepository}; needs spring-security-web.
 */
@NullMarked
package io.dynamicbean.session.security;

import org.jspecify.annotations.NullMarked;
