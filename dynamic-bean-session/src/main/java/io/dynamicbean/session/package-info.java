/**
 * The switchable session front: {@link io.dynamicbean.session.SwitchableSessionRepository}, which
 * serves Spring Session from the bounded {@link io.dynamicbean.session.LocalSessionRepository} until
 * a remote store is switched in; the guard of the remote store ({@link io.dynamicbean.session.StoreExceptionKind},
 * {@link io.dynamicbean.session.StoreFailureTracker}, {@link io.dynamicbean.session.RemoteStoreFailureMonitor})
 * and its callbacks; and {@link io.dynamicbean.session.SessionStoreGeneratorAdapter}, the base class of the
 * generator of a remote store. No servlet type: the web edge is {@code io.dynamicbean.session.web}.
 */
@NullMarked
package io.dynamicbean.session;

import org.jspecify.annotations.NullMarked;
