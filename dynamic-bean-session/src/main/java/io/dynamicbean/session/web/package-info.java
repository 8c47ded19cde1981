/**
 * The web edge of the session front: the {@link io.dynamicbean.session.web.SwitchableSessionRequestFilter}
 * that opens a request's {@link io.dynamicbean.session.SessionRequestScope}, the
 * {@link io.dynamicbean.session.web.SessionAffinity} cookies, and
 * {@link io.dynamicbean.session.web.RequestSessions#storeOf where a request's session lives}.
 * The front below it ({@code io.dynamicbean.session}) imports no servlet type.
 */
@NullMarked
package io.dynamicbean.session.web;

import org.jspecify.annotations.NullMarked;
