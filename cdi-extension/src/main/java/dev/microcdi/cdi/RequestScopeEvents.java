package dev.microcdi.cdi;

import dev.microcdi.api.server.CallContext;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Destroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.spi.BeanManager;
import java.lang.System.Logger.Level;
import java.lang.annotation.Annotation;

/**
 * The lifecycle events of a served call's request context, as the container fires them for its own request
 * contexts: {@code @Initialized(RequestScoped.class)} when the call's context starts (active, before the
 * interceptors run), {@code @BeforeDestroyed(RequestScoped.class)} when it ends (still active, before its
 * instances are destroyed) and {@code @Destroyed(RequestScoped.class)} after. The payload is the call's
 * {@link CallContext}. Whether anybody observes each event is resolved once per payload class, so a call costs
 * nothing for events that no observer takes. An observer that throws is logged; the call goes on.
 * Thread-safe.
 */
final class RequestScopeEvents {
    private static final System.Logger LOG = System.getLogger(RequestScopeEvents.class.getName());
    private final BeanManager beanManager;
    private final Event<Object> initialized;
    private final Event<Object> beforeDestroyed;
    private final Event<Object> destroyed;
    private volatile Observed observed;

    /** Which events have observers for payloads of one class. */
    private record Observed(Class<?> payloadClass, boolean initialized, boolean beforeDestroyed, boolean destroyed) {
    }

    RequestScopeEvents(BeanManager beanManager) {
        this.beanManager = beanManager;
        Event<Object> events = beanManager.getEvent();
        this.initialized = events.select(Initialized.Literal.REQUEST);
        this.beforeDestroyed = events.select(BeforeDestroyed.Literal.REQUEST);
        this.destroyed = events.select(Destroyed.Literal.REQUEST);
    }

    void initialized(CallContext call) {
        if (observed(call).initialized()) {
            fire(call, initialized);
        }
    }

    void beforeDestroyed(CallContext call) {
        if (observed(call).beforeDestroyed()) {
            fire(call, beforeDestroyed);
        }
    }

    void destroyed(CallContext call) {
        if (observed(call).destroyed()) {
            fire(call, destroyed);
        }
    }

    private Observed observed(CallContext call) {
        Observed o = observed;
        if (o == null || o.payloadClass() != call.getClass()) {
            o = new Observed(call.getClass(), hasObservers(call, Initialized.Literal.REQUEST),
                    hasObservers(call, BeforeDestroyed.Literal.REQUEST), hasObservers(call, Destroyed.Literal.REQUEST));
            observed = o;
        }
        return o;
    }

    private boolean hasObservers(CallContext call, Annotation qualifier) {
        return !beanManager.resolveObserverMethods(call, qualifier).isEmpty();
    }

    private static void fire(CallContext call, Event<Object> event) {
        try {
            event.fire(call);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "An observer of the request context of " + call.service() + " "
                    + call.endpoint() + " failed", e);
        }
    }
}
