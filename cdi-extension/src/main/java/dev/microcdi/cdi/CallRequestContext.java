package dev.microcdi.cdi;

import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.context.spi.AlterableContext;
import jakarta.enterprise.context.spi.Contextual;
import jakarta.enterprise.context.spi.CreationalContext;

/**
 * The request context of the calls that {@code @MicroService} beans serve: a context object for
 * {@link RequestScoped} that the extension registers (CDI allows custom context objects for built-in scopes).
 * It is active on a thread while that thread runs code of a call ({@link CallScope#call}), and then holds that
 * call's instances, so that the whole of a call or stream sees one request context across the threads its
 * callbacks run on. The container's own request context is not active on those threads (they belong to the
 * server), so exactly one request context is active there; code that activates a request context itself
 * ({@code RequestContextController}, {@code @ActivateRequestContext}) finds this one active and leaves it.
 * One per application; thread-safe.
 */
final class CallRequestContext implements AlterableContext {
    private final ThreadLocal<CallScope> current = new ThreadLocal<>();

    /** Makes {@code scope} the active one on this thread; returns the previous one, to restore. */
    CallScope enter(CallScope scope) {
        CallScope previous = current.get();
        current.set(scope);
        return previous;
    }

    /** Restores the scope that {@link #enter} replaced. */
    void leave(CallScope previous) {
        if (previous == null) {
            current.remove();
        } else {
            current.set(previous);
        }
    }

    @Override
    public Class<RequestScoped> getScope() {
        return RequestScoped.class;
    }

    @Override
    public <T> T get(Contextual<T> contextual, CreationalContext<T> creationalContext) {
        return active().get(contextual, creationalContext);
    }

    @Override
    public <T> T get(Contextual<T> contextual) {
        return active().get(contextual);
    }

    @Override
    public void destroy(Contextual<?> contextual) {
        active().destroy(contextual);
    }

    @Override
    public boolean isActive() {
        return current.get() != null;
    }

    private CallScope active() {
        CallScope scope = current.get();
        if (scope == null) {
            throw new ContextNotActiveException("no micro-cdi call is being served on this thread");
        }
        return scope;
    }
}
