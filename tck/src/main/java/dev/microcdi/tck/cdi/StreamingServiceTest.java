package dev.microcdi.tck.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microcdi.api.client.Reply;
import dev.microcdi.tck.cdi.Ticker.Count;
import dev.microcdi.tck.cdi.Ticker.Seen;
import dev.microcdi.tck.transport.TestStreams;
import dev.microcdi.tck.transport.TestStreams.Collector;
import dev.microcdi.tck.transport.TestStreams.Producer;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every endpoint shape through a {@code @MicroClient} proxy and a {@code @MicroService} bean, with CDI
 * interceptors, client and server interceptor beans, the injectable call context, request scope and
 * metadata propagation.
 */
@ExtendWith(ArquillianExtension.class)
public class StreamingServiceTest {

    /**
     * The archive under test.
     *
     * @return the archive
     */
    @Deployment
    public static JavaArchive deployment() {
        return Deployments.archive("streaming-service", Ticker.class, Ticker.Count.class, Ticker.Seen.class,
                TickerService.class, TickerCaller.class, Relay.class, RelayService.class, Journal.class, Traced.class,
                TracedInterceptor.class, RequestBean.class, JournalInterceptors.class, JournalInterceptors.Recording.class, JournalInterceptors.Outer.class,
                JournalInterceptors.Inner.class, JournalInterceptors.Tagging.class, TestStreams.class,
                TestStreams.Producer.class, TestStreams.Collector.class);
    }

    @Inject
    TickerCaller caller;

    @Inject
    Journal journal;

    @Test
    void aServerStreamArrivesInOrderThroughTheProxy() throws Exception {
        Collector<Count> reader = new Collector<>(Long.MAX_VALUE, true);
        caller.ticker().ticks(new Count(2000)).subscribe(reader);
        reader.done.get(30, TimeUnit.SECONDS);
        assertThat(reader.items).extracting(Count::n).containsExactlyElementsOf(
                LongStream.range(0, 2000).boxed().toList());
    }

    @Test
    void aClientStreamIsAnsweredThroughTheProxy() throws Exception {
        Count sum = caller.ticker().sum(new Producer<>(100, i -> new Count(i + 1), null)).toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        assertThat(sum.n()).isEqualTo(5050);
    }

    @Test
    void aBidiStreamAnswersEachRequestThroughTheProxy() throws Exception {
        Collector<Count> reader = new Collector<>(Long.MAX_VALUE, true);
        caller.ticker().doubled(new Producer<>(500, Count::new, null)).subscribe(reader);
        reader.done.get(30, TimeUnit.SECONDS);
        assertThat(reader.items).extracting(Count::n).containsExactlyElementsOf(
                LongStream.range(0, 500).map(i -> i * 2).boxed().toList());
    }

    @Test
    void aProxyMethodReturningAReplyReadsTheResponseMetadataOfAUnaryCall() throws Exception {
        Reply<Seen> seen = caller.ticker().whoAmIAsync(new Count(1)).toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertThat(seen.value().requestBean()).isNotBlank();
        assertThat(seen.metadata()).containsEntry("x-served-by", "ticker-tck");
        assertThat(caller.ticker().echo(new Count(7))).isEqualTo(new Reply<>(new Count(7), Map.of("x-echo", "7")));
    }

    @Test
    void interceptorsCallContextRequestScopeAndMetadataPropagation() {
        journal.clear();
        Seen first = caller.ticker().whoAmI(new Count(1));
        assertThat(journal.entries()).containsExactly("client:Ticker.WhoAmI", "server-outer:Ticker.WhoAmI",
                "server-inner:Ticker.WhoAmI", "cdi:whoAmI", "client:Relay.Metadata", "server-outer:Relay.Metadata",
                "server-inner:Relay.Metadata");
        assertThat(first.metadata()).containsEntry("x-tag", "from-Ticker.WhoAmI");
        assertThat(first.relayed()).containsEntry("x-tag", "from-Ticker.WhoAmI");
        assertThat(first.remainingPositive()).isTrue();
        assertThat(first.requestBean()).isNotBlank();
        Seen second = caller.ticker().whoAmI(new Count(2));
        assertThat(second.requestBean()).isNotEqualTo(first.requestBean());
    }
}
