/**
 * The switchable session front: {@link io.dynamicbean.session.SwitchableSessionRepository}, which
 * serves Spring Session from the bounded {@link io.dynamicbean.session.LocalSessionRepository} until
 * a remote store is switched in, the callbacks it makes when the remote store fails, and
 * {@link io.dynamicbean.session.SessionStoreGeneratorAdapter}, the base class of the generator of a
 * remote store.
 */
@NullMarked
package io.dynamicbean.session;

import org.jspecify.annotations.NullMarked;
