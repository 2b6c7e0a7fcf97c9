package dev.microcdi.api;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * Small {@link Flow.Publisher}s for streaming endpoints, for when no reactive library is at hand: a
 * generator that produces on demand, and a mapping that passes demand and cancellation through. Both honour
 * backpressure, so the wire's flow control reaches the code that produces the values.
 */
public final class Publishers {
    private Publishers() {
    }

    /**
     * A publisher of {@code count} values made on demand: value {@code i} is made only once the subscriber
     * asked for it, on the thread that asked. Each subscription starts again from 0.
     *
     * @param count how many values; negative for no end
     * @param values the value at each index
     * @param <T> the value type
     * @return the publisher
     */
    public static <T> Flow.Publisher<T> generate(long count, LongFunction<? extends T> values) {
        Objects.requireNonNull(values, "values");
        return subscriber -> subscriber.onSubscribe(new Generator<T>(count, values, subscriber));
    }

    /**
     * A publisher of {@code f} applied to each value of {@code source}; demand and cancellation pass straight
     * through. When {@code f} throws, the subscription is cancelled and the subscriber gets the exception.
     *
     * @param source the source
     * @param f the mapping
     * @param <T> the source type
     * @param <R> the result type
     * @return the publisher
     */
    public static <T, R> Flow.Publisher<R> map(Flow.Publisher<T> source, Function<? super T, ? extends R> f) {
        Objects.requireNonNull(f, "f");
        return subscriber -> source.subscribe(new Flow.Subscriber<T>() {
            private Flow.Subscription subscription;
            private boolean failed;

            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                subscriber.onSubscribe(s);
            }

            @Override
            public void onNext(T item) {
                if (failed) {
                    return;
                }
                R mapped;
                try {
                    mapped = f.apply(item);
                } catch (RuntimeException e) {
                    failed = true;
                    subscription.cancel();
                    subscriber.onError(e);
                    return;
                }
                subscriber.onNext(mapped);
            }

            @Override
            public void onError(Throwable t) {
                if (!failed) {
                    subscriber.onError(t);
                }
            }

            @Override
            public void onComplete() {
                if (!failed) {
                    subscriber.onComplete();
                }
            }
        });
    }

    /**
     * Reads a publisher to its end as fast as it produces, counting its values.
     *
     * @param source the publisher
     * @return the number of values once it completes, or its error
     */
    public static CompletionStage<Long> count(Flow.Publisher<?> source) {
        CompletableFuture<Long> result = new CompletableFuture<>();
        source.subscribe(new Reader<Object>(result) {
            private long n;

            @Override
            public void onNext(Object item) {
                n++;
            }

            @Override
            public void onComplete() {
                result.complete(n);
            }
        });
        return result;
    }

    /**
     * The last value of a publisher, e.g. the one response of a client stream.
     *
     * @param source the publisher
     * @param <T> the value type
     * @return the last value once it completes; its error, or {@link java.util.NoSuchElementException} when it
     *         completed without a value
     */
    public static <T> CompletionStage<T> last(Flow.Publisher<T> source) {
        CompletableFuture<T> result = new CompletableFuture<>();
        source.subscribe(new Reader<T>(result) {
            private T value;

            @Override
            public void onNext(T item) {
                value = item;
            }

            @Override
            public void onComplete() {
                if (value == null) {
                    result.completeExceptionally(new java.util.NoSuchElementException("the stream had no value"));
                } else {
                    result.complete(value);
                }
            }
        });
        return result;
    }

    /** A subscriber that requests everything and fails {@code result} on error. */
    private abstract static class Reader<T> implements Flow.Subscriber<T> {
        private final CompletableFuture<?> result;

        Reader(CompletableFuture<?> result) {
            this.result = result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }
    }

    /** The subscription of {@link #generate}: emits on the requesting thread, one drain loop at a time. */
    private static final class Generator<T> implements Flow.Subscription {
        private final long count;
        private final LongFunction<? extends T> values;
        private final Flow.Subscriber<? super T> subscriber;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicInteger wip = new AtomicInteger();
        private volatile boolean stopped;
        private long next;

        Generator(long count, LongFunction<? extends T> values, Flow.Subscriber<? super T> subscriber) {
            this.count = count;
            this.values = values;
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                stopped = true;
                subscriber.onError(new IllegalArgumentException("request(" + n + "): demand must be positive"));
                return;
            }
            demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
            if (wip.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            do {
                long wanted = demand.get();
                long sent = 0;
                while (sent != wanted && !stopped && (count < 0 || next < count)) {
                    T value;
                    try {
                        value = values.apply(next++);
                    } catch (RuntimeException e) {
                        stopped = true;
                        subscriber.onError(e);
                        return;
                    }
                    subscriber.onNext(value);
                    sent++;
                }
                if (!stopped && count >= 0 && next >= count) {
                    stopped = true;
                    subscriber.onComplete();
                }
                if (sent != 0 && wanted != Long.MAX_VALUE) {
                    demand.addAndGet(-sent);
                }
                missed = wip.addAndGet(-missed);
            } while (missed != 0);
        }

        @Override
        public void cancel() {
            stopped = true;
        }
    }
}
