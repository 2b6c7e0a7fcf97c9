package dev.microcdi.tck.cdi;

import dev.microcdi.api.MicroClient;
import dev.microcdi.api.MicroService;
import dev.microcdi.api.Publishers;
import dev.microcdi.api.client.Reply;
import dev.microcdi.api.server.CallContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;

/** Serves {@link Ticker} as {@code ticker-tck}, with a CDI interceptor on every method. */
@ApplicationScoped
@Traced
@MicroService(name = "ticker-tck")
public class TickerService implements Ticker {

    @Inject
    CallContext call;

    @Inject
    RequestBean requestBean;

    @Inject
    @MicroClient("relay-tck")
    Relay relay;

    /**
     * A stream from a {@link SubmissionPublisher}: the producer thread starts once the server subscribed and
     * blocks in {@code submit} whenever the subscriber's buffer is full, i.e. while the caller grants no credit.
     */
    @Override
    public Flow.Publisher<Count> ticks(Count count) {
        SubmissionPublisher<Count> out = new SubmissionPublisher<>();
        return subscriber -> {
            out.subscribe(subscriber);
            Thread producer = new Thread(() -> {
                for (long i = 0; i < count.n() && out.hasSubscribers(); i++) {
                    out.submit(new Count(i));
                }
                out.close();
            }, "ticker-tck-producer");
            producer.setDaemon(true);
            producer.start();
        };
    }

    @Override
    public CompletionStage<Count> sum(Flow.Publisher<Count> counts) {
        CompletableFuture<Count> result = new CompletableFuture<>();
        counts.subscribe(new Flow.Subscriber<>() {
            private long sum;

            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(Count item) {
                sum += item.n();
            }

            @Override
            public void onError(Throwable t) {
                result.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                result.complete(new Count(sum));
            }
        });
        return result;
    }

    @Override
    public Flow.Publisher<Count> doubled(Flow.Publisher<Count> counts) {
        return Publishers.map(counts, c -> new Count(c.n() * 2));
    }

    @Override
    public CompletionStage<Reply<Seen>> whoAmIAsync(Count count) {
        return CompletableFuture.completedFuture(new Reply<>(whoAmI(count), call.responseMetadata()));
    }

    @Override
    public Reply<Count> echo(Count count) {
        return new Reply<>(count, Map.of("x-echo", Long.toString(count.n())));
    }

    @Override
    public Seen whoAmI(Count count) {
        call.responseMetadata().put("x-served-by", "ticker-tck");
        Map<String, String> relayed = relay.metadata(count);
        boolean remaining = call.remaining().map(d -> d.compareTo(Duration.ZERO) > 0).orElse(false);
        return new Seen(requestBean.id(), Map.copyOf(call.metadata()), relayed, remaining);
    }
}
