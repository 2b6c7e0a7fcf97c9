package dev.microcdi.tck.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microcdi.tck.cdi.Watcher.Count;
import dev.microcdi.tck.transport.TestStreams;
import dev.microcdi.tck.transport.TestStreams.Collector;
import dev.microcdi.tck.transport.TestStreams.Producer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The request scope of a {@code @MicroService} stream covers the whole stream: a {@code @RequestScoped} bean
 * is the same instance in the method and in every later callback of one stream (on whatever thread), another
 * instance in another stream, and is destroyed exactly once when its stream ends (completed or cancelled). The
 * context fires {@code @Initialized}, {@code @BeforeDestroyed} and {@code @Destroyed(RequestScoped.class)} once
 * per stream, the first two with the stream's context active, the last after its beans are destroyed.
 */
@ExtendWith(ArquillianExtension.class)
public class StreamRequestScopeTest {

    /**
     * The archive under test.
     *
     * @return the archive
     */
    @Deployment
    public static JavaArchive deployment() {
        return Deployments.archive("stream-request-scope", Watcher.class, Watcher.Count.class, WatcherService.class,
                WatcherCaller.class, StreamBean.class, ScopeJournal.class, RequestScopeObserver.class, TestStreams.class,
                TestStreams.Producer.class, TestStreams.Collector.class);
    }

    @Inject
    WatcherCaller caller;

    @Inject
    ScopeJournal journal;

    /** The streams of the journal that a test started, i.e. not in {@code before}. */
    private Map<String, List<String>> streamsSince(Set<String> before) {
        Map<String, List<String>> streams = new HashMap<>(journal.streams());
        streams.keySet().removeAll(before);
        return streams;
    }

    /** Each stream started since {@code before} saw its own bean only, and each bean was destroyed once. */
    private Map<String, List<String>> streamsSeenAndEnded(Set<String> before, int streams, String... callbacks) {
        await().atMost(Duration.ofSeconds(30)).until(() -> streamsSince(before).size() == streams
                && streamsSince(before).keySet().stream().allMatch(id -> journal.destroyedCount(id) > 0));
        Map<String, List<String>> seen = streamsSince(before);
        seen.forEach((stream, entries) -> {
            assertThat(entries).as("every callback of stream %s saw its bean", stream)
                    .allSatisfy(e -> assertThat(e).endsWith("=" + stream));
            for (String callback : callbacks) {
                assertThat(entries).anySatisfy(e -> assertThat(e).startsWith(callback + "@"));
            }
            assertThat(journal.destroyedCount(stream)).as("destroyed once").isEqualTo(1);
        });
        return seen;
    }

    @Test
    void eachServerStreamHasOneRequestScopeForAllItsCallbacksEndedOnceWhenItCompletes() throws Exception {
        Set<String> before = journal.streams().keySet();
        for (int i = 0; i < 2; i++) {
            Collector<Count> reader = new Collector<>(Long.MAX_VALUE, false);
            caller.watcher().count(new Count(300)).subscribe(reader);
            reader.done.get(30, TimeUnit.SECONDS);
            assertThat(reader.received.get()).isEqualTo(300);
        }
        Map<String, List<String>> seen = streamsSeenAndEnded(before, 2, "method", "subscribe", "request");
        assertThat(seen.values()).allSatisfy(entries -> assertThat(entries)
                .allSatisfy(e -> assertThat(e).contains("@Watcher.Count=")));
    }

    @Test
    void eachStreamsRequestContextFiresItsLifecycleEventsOnceInOrder() throws Exception {
        Set<String> before = journal.streams().keySet();
        Collector<Count> reader = new Collector<>(Long.MAX_VALUE, false);
        caller.watcher().count(new Count(50)).subscribe(reader);
        reader.done.get(30, TimeUnit.SECONDS);
        Map<String, List<String>> seen = streamsSeenAndEnded(before, 1, "initialized", "method", "beforeDestroyed");
        String stream = seen.keySet().iterator().next();
        List<String> entries = seen.get(stream);
        assertThat(entries.get(0)).startsWith("initialized@Watcher.Count=");
        assertThat(entries).filteredOn(e -> e.startsWith("initialized@")).hasSize(1);
        assertThat(entries).filteredOn(e -> e.startsWith("beforeDestroyed@")).hasSize(1);
        assertThat(entries.get(entries.size() - 1)).startsWith("beforeDestroyed@");
        await().atMost(Duration.ofSeconds(10)).until(() -> !journal.endEvents(stream).isEmpty());
        assertThat(journal.endEvents(stream)).containsExactly("after its bean");
    }

    @Test
    void aCancelledServerStreamEndsItsRequestScopeOnce() throws Exception {
        Set<String> before = journal.streams().keySet();
        Collector<Count> reader = new Collector<>(3, false);
        caller.watcher().count(new Count(-1)).subscribe(reader);
        await().atMost(Duration.ofSeconds(20)).until(() -> reader.received.get() == 3);
        reader.cancel();
        streamsSeenAndEnded(before, 1, "method", "subscribe", "request", "cancel");
    }

    @Test
    void aBidirectionalStreamHasOneRequestScopeForEveryRequestItReads() throws Exception {
        Set<String> before = journal.streams().keySet();
        Collector<Count> first = new Collector<>(Long.MAX_VALUE, false);
        Collector<Count> second = new Collector<>(Long.MAX_VALUE, false);
        caller.watcher().echo(new Producer<>(200, Count::new, null)).subscribe(first);
        caller.watcher().echo(new Producer<>(200, Count::new, null)).subscribe(second);
        first.done.get(30, TimeUnit.SECONDS);
        second.done.get(30, TimeUnit.SECONDS);
        Map<String, List<String>> seen = streamsSeenAndEnded(before, 2, "method", "next");
        assertThat(seen.values()).allSatisfy(entries -> assertThat(entries)
                .filteredOn(e -> e.startsWith("next@")).hasSize(200));
    }
}
