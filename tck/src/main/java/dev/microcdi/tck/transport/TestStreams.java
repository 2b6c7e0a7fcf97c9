package dev.microcdi.tck.transport;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/** Publishers and subscribers with counters, for the streaming contract. */
public final class TestStreams {
    private TestStreams() {
    }

    /**
     * A publisher that passes {@code source} through and runs {@code onCancel} when its subscriber cancels and
     * {@code onEnd} when {@code source} completes or fails.
     *
     * @param source the publisher watched
     * @param onCancel runs on cancel, before the cancel reaches {@code source}
     * @param onEnd runs on completion or failure, before the subscriber is told
     * @param <T> the value type
     * @return the watching publisher
     */
    public static <T> Flow.Publisher<T> watched(Flow.Publisher<T> source, Runnable onCancel, Runnable onEnd) {
        return subscriber -> source.subscribe(new Flow.Subscriber<T>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscriber.onSubscribe(new Flow.Subscription() {
                    @Override
                    public void request(long n) {
                        s.request(n);
                    }

                    @Override
                    public void cancel() {
                        onCancel.run();
                        s.cancel();
                    }
                });
            }

            @Override
            public void onNext(T item) {
                subscriber.onNext(item);
            }

            @Override
            public void onError(Throwable t) {
                onEnd.run();
                subscriber.onError(t);
            }

            @Override
            public void onComplete() {
                onEnd.run();
                subscriber.onComplete();
            }
        });
    }

    /**
     * A publisher of {@code count} values (or without end when {@code count} is negative) that emits only on
     * demand and counts what it was asked for, what it emitted, and whether it was cancelled.
     *
     * @param <T> the value type
     */
    public static final class Producer<T> implements Flow.Publisher<T> {
        private final long count;
        private final LongFunction<T> values;
        private final AtomicLong emitted = new AtomicLong();
        private final AtomicLong requested = new AtomicLong();
        private final AtomicLong maxOutstanding = new AtomicLong();
        private final AtomicLong consumed;
        public final CountDownLatch cancelled = new CountDownLatch(1);
        public final CountDownLatch subscribed = new CountDownLatch(1);
        private volatile Throwable failure;

        /**
         * A producer.
         *
         * @param count how many values, negative for no end
         * @param values the value for each index
         * @param consumed what the reader has consumed, to measure how far the producer runs ahead, or null
         */
        public Producer(long count, LongFunction<T> values, AtomicLong consumed) {
            this.count = count;
            this.values = values;
            this.consumed = consumed;
        }

        /**
         * Makes the producer end with an error instead of completing once it emitted its count.
         *
         * @param error the error
         * @return this producer
         */
        public Producer<T> failingWith(Throwable error) {
            this.failure = error;
            return this;
        }

        public long emitted() {
            return emitted.get();
        }

        public long requested() {
            return requested.get();
        }

        /** The most values emitted but not yet consumed by the reader, seen at any emission. */
        public long maxOutstanding() {
            return maxOutstanding.get();
        }

        @Override
        public void subscribe(Flow.Subscriber<? super T> s) {
            subscribed.countDown();
            s.onSubscribe(new Flow.Subscription() {
                private final AtomicLong demand = new AtomicLong();
                private volatile boolean stopped;
                private final java.util.concurrent.atomic.AtomicInteger wip = new java.util.concurrent.atomic.AtomicInteger();

                @Override
                public void request(long n) {
                    requested.addAndGet(n);
                    demand.addAndGet(n);
                    if (wip.getAndIncrement() != 0) {
                        return;
                    }
                    int missed = 1;
                    do {
                        while (!stopped && demand.get() > 0 && (count < 0 || emitted.get() < count)) {
                            long i = emitted.getAndIncrement();
                            demand.decrementAndGet();
                            if (consumed != null) {
                                maxOutstanding.accumulateAndGet(i + 1 - consumed.get(), Math::max);
                            }
                            s.onNext(values.apply(i));
                        }
                        if (!stopped && count >= 0 && emitted.get() >= count) {
                            stopped = true;
                            Throwable f = failure;
                            if (f != null) {
                                s.onError(f);
                            } else {
                                s.onComplete();
                            }
                        }
                        missed = wip.addAndGet(-missed);
                    } while (missed != 0);
                }

                @Override
                public void cancel() {
                    stopped = true;
                    cancelled.countDown();
                }
            });
        }
    }

    /**
     * A subscriber that collects what it receives and requests only what the test asks for.
     *
     * @param <T> the value type
     */
    public static class Collector<T> implements Flow.Subscriber<T> {
        public final List<T> items = new CopyOnWriteArrayList<>();
        public final AtomicLong received = new AtomicLong();
        public final CompletableFuture<Void> done = new CompletableFuture<>();
        private final long initialRequest;
        private final boolean keep;
        private volatile Flow.Subscription subscription;

        /**
         * A collector.
         *
         * @param initialRequest what it requests on subscription
         * @param keep whether it keeps the items (else only counts them)
         */
        public Collector(long initialRequest, boolean keep) {
            this.initialRequest = initialRequest;
            this.keep = keep;
        }

        public void request(long n) {
            subscription.request(n);
        }

        public void cancel() {
            subscription.cancel();
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (initialRequest > 0) {
                s.request(initialRequest);
            }
        }

        @Override
        public void onNext(T item) {
            if (keep) {
                items.add(item);
            }
            received.incrementAndGet();
        }

        @Override
        public void onError(Throwable t) {
            done.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            done.complete(null);
        }
    }
}
