package dev.microcdi.tck.cdi;

import dev.microcdi.api.MicroService;
import dev.microcdi.api.Publishers;
import dev.microcdi.api.server.CallContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.Flow;

/**
 * Serves {@link Watcher} as {@code watch-tck}. Every callback of a stream journals the request-scoped bean
 * and the endpoint of the injected call context it sees, under the bean its method saw.
 */
@ApplicationScoped
@MicroService(name = "watch-tck")
public class WatcherService implements Watcher {

    @Inject
    StreamBean bean;

    @Inject
    ScopeJournal journal;

    @Inject
    CallContext call;

    private void seen(String stream, String callback) {
        journal.seen(stream, callback + "@" + call.endpoint(), bean.id());
    }

    @Override
    public Flow.Publisher<Count> count(Count count) {
        String stream = bean.id();
        seen(stream, "method");
        return subscriber -> {
            seen(stream, "subscribe");
            subscriber.onSubscribe(new Flow.Subscription() {
                private long next;
                private boolean done;

                @Override
                public synchronized void request(long n) {
                    seen(stream, "request");
                    for (long i = 0; i < n && !done && (count.n() < 0 || next < count.n()); i++) {
                        subscriber.onNext(new Count(next++));
                    }
                    if (!done && count.n() >= 0 && next == count.n()) {
                        done = true;
                        subscriber.onComplete();
                    }
                }

                @Override
                public void cancel() {
                    seen(stream, "cancel");
                    done = true;
                }
            });
        };
    }

    @Override
    public Flow.Publisher<Count> echo(Flow.Publisher<Count> counts) {
        String stream = bean.id();
        seen(stream, "method");
        return Publishers.map(counts, c -> {
            seen(stream, "next");
            return c;
        });
    }
}
