package dev.microcdi.tck.cdi;

import dev.microcdi.api.server.CallContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Destroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Journals the lifecycle events of served calls' request contexts: at {@code @Initialized} and
 * {@code @BeforeDestroyed} the request-scoped {@link StreamBean} it sees (the call's, as the context is active),
 * and at {@code @Destroyed} whether that bean was already destroyed.
 */
@ApplicationScoped
public class RequestScopeObserver {
    @Inject
    StreamBean bean;

    @Inject
    ScopeJournal journal;

    void initialized(@Observes @Initialized(RequestScoped.class) CallContext call) {
        journal.started(call, bean.id());
        journal.seen(bean.id(), "initialized@" + call.endpoint(), bean.id());
    }

    void beforeDestroyed(@Observes @BeforeDestroyed(RequestScoped.class) CallContext call) {
        journal.seen(bean.id(), "beforeDestroyed@" + call.endpoint(), bean.id());
    }

    void destroyed(@Observes @Destroyed(RequestScoped.class) CallContext call) {
        journal.ended(call);
    }
}
