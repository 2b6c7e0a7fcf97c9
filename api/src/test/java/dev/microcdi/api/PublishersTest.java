package dev.microcdi.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PublishersTest {

    /** Records signals; requests only what the test asks for. */
    static final class Recorder<T> implements Flow.Subscriber<T> {
        final List<T> items = new CopyOnWriteArrayList<>();
        final AtomicReference<Throwable> error = new AtomicReference<>();
        volatile boolean completed;
        Flow.Subscription subscription;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
        }

        @Override
        public void onNext(T item) {
            items.add(item);
        }

        @Override
        public void onError(Throwable t) {
            error.set(t);
        }

        @Override
        public void onComplete() {
            completed = true;
        }
    }

    @Test
    void generateMakesValuesOnlyAsTheyAreRequested() {
        List<Long> made = new CopyOnWriteArrayList<>();
        Recorder<Long> r = new Recorder<>();
        Publishers.generate(5, i -> {
            made.add(i);
            return i * 10;
        }).subscribe(r);
        assertThat(made).isEmpty();
        r.subscription.request(2);
        assertThat(r.items).containsExactly(0L, 10L);
        assertThat(made).containsExactly(0L, 1L);
        assertThat(r.completed).isFalse();
        r.subscription.request(10);
        assertThat(r.items).containsExactly(0L, 10L, 20L, 30L, 40L);
        assertThat(r.completed).isTrue();
    }

    @Test
    void cancelStopsAGeneratorWithoutEnd() {
        Recorder<Long> r = new Recorder<>();
        Publishers.generate(-1, i -> i).subscribe(r);
        r.subscription.request(3);
        r.subscription.cancel();
        r.subscription.request(3);
        assertThat(r.items).containsExactly(0L, 1L, 2L);
        assertThat(r.completed).isFalse();
    }

    @Test
    void mapPassesDemandThroughAndFailsWhenTheFunctionThrows() {
        Recorder<String> r = new Recorder<>();
        Publishers.map(Publishers.generate(10, i -> i), i -> {
            if (i == 2) {
                throw new IllegalStateException("two");
            }
            return "v" + i;
        }).subscribe(r);
        r.subscription.request(1);
        assertThat(r.items).containsExactly("v0");
        r.subscription.request(5);
        assertThat(r.items).containsExactly("v0", "v1");
        assertThat(r.error.get()).hasMessage("two");
        assertThat(r.completed).isFalse();
    }

    @Test
    void aNonPositiveRequestIsAnError() {
        Recorder<Long> r = new Recorder<>();
        Publishers.generate(3, i -> i).subscribe(r);
        r.subscription.request(0);
        assertThat(r.error.get()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void countAndLastReadAPublisherToItsEnd() throws Exception {
        assertThat(Publishers.count(Publishers.generate(7, i -> i)).toCompletableFuture().get()).isEqualTo(7L);
        assertThat(Publishers.last(Publishers.generate(3, i -> "v" + i)).toCompletableFuture().get()).isEqualTo("v2");
        assertThat(Publishers.last(Publishers.generate(0, i -> i)).toCompletableFuture())
                .isCompletedExceptionally();
    }
}
