package dev.microcdi.cdi;

import dev.microcdi.api.server.CallContext;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The call a {@code @MicroService} bean is serving on the current thread, as the injectable
 * {@link CallContext}: every method reads the call of the calling thread, so one instance serves every bean
 * and every thread. Outside a call its methods throw {@link IllegalStateException}. {@link ClientProxy}
 * reads it to pass the metadata and the deadline of the call being served on to the calls it makes.
 * One per application.
 */
final class CurrentCall implements CallContext {
    private final ThreadLocal<CallContext> current = new ThreadLocal<>();

    /** The call served on this thread, or null. */
    CallContext get() {
        return current.get();
    }

    /** Makes {@code context} the current call of this thread; returns the previous one, to restore. */
    CallContext enter(CallContext context) {
        CallContext previous = current.get();
        current.set(context);
        return previous;
    }

    /** Restores the call that {@link #enter} replaced. */
    void leave(CallContext previous) {
        if (previous == null) {
            current.remove();
        } else {
            current.set(previous);
        }
    }

    private CallContext call() {
        CallContext c = current.get();
        if (c == null) {
            throw new IllegalStateException("no micro-cdi call is being served on this thread; CallContext is "
                    + "available while a @MicroService endpoint method runs");
        }
        return c;
    }

    @Override
    public String service() {
        return call().service();
    }

    @Override
    public String endpoint() {
        return call().endpoint();
    }

    @Override
    public Map<String, String> metadata() {
        return call().metadata();
    }

    @Override
    public Optional<Duration> remaining() {
        return call().remaining();
    }

    @Override
    public Map<String, String> responseMetadata() {
        return call().responseMetadata();
    }

    @Override
    public boolean cancelled() {
        return call().cancelled();
    }

    @Override
    public void onEnd(Runnable action) {
        call().onEnd(action);
    }

    @Override
    public String toString() {
        CallContext c = current.get();
        return c == null ? "CallContext(no call)" : "CallContext(" + c.service() + " " + c.endpoint() + ")";
    }
}
