package dev.microcdi.tck.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microcdi.api.CallKind;
import dev.microcdi.api.Publishers;
import dev.microcdi.api.MicroException;
import dev.microcdi.api.client.CallOptions;
import dev.microcdi.api.client.Client;
import dev.microcdi.api.client.ClientInterceptor;
import dev.microcdi.api.client.Reply;
import dev.microcdi.api.client.Request;
import dev.microcdi.api.client.ResponseMetadata;
import dev.microcdi.api.server.CallContext;
import dev.microcdi.api.server.EndpointDefinition;
import dev.microcdi.api.server.Handler;
import dev.microcdi.api.server.Server;
import dev.microcdi.api.server.ServerInterceptor;
import dev.microcdi.api.server.ServiceDefinition;
import dev.microcdi.tck.transport.TestStreams.Collector;
import dev.microcdi.tck.transport.TestStreams.Producer;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of a transport's streaming and call features: server, client and bidirectional streams on
 * one connection, flow control (a stalled reader stops the producer), cancellation from either side, errors
 * mid-stream, deadlines enforced by the server, metadata both ways and interceptor order. A transport runs
 * it by subclassing with {@link #newServer} and {@link #newClient}; the client reaches the server by address
 * ({@link CallOptions#address()}), so no registry is involved.
 *
 * <p>Both sides use a fixed stream window of {@value #WINDOW} messages ({@code micro.server.stream-window},
 * {@code micro.client.stream-window}, and the same {@code stream-window-max}, so that windows do not grow).
 */
public abstract class StreamingTransportContract {
    /** The stream window both sides are configured with. */
    protected static final int WINDOW = 16;

    /** A stream message. */
    public record Tick(long n) {
    }

    /** The answer of a client stream. */
    public record Total(long sum, long count) {
    }

    private final String service = "tck-streams-" + UUID.randomUUID();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final AtomicReference<Producer<Tick>> lastProducer = new AtomicReference<>();
    private final AtomicReference<CallContext> lastContext = new AtomicReference<>();
    private final AtomicLong consumed = new AtomicLong();
    private final List<String> order = new CopyOnWriteArrayList<>();
    private final List<List<String>> watched = new CopyOnWriteArrayList<>();
    private final AtomicInteger unaryEnds = new AtomicInteger();
    private Server server;
    private Client client;

    /**
     * A server of the transport under test, bound to 127.0.0.1, not started.
     *
     * @param settings {@code micro.server.*} settings
     * @return the server
     */
    protected abstract Server newServer(Map<String, String> settings);

    /**
     * A client of the transport under test.
     *
     * @param settings {@code micro.client.*} settings
     * @return the client
     */
    protected abstract Client newClient(Map<String, String> settings);

    @BeforeEach
    void start() {
        server = newServer(Map.of("micro.server.address", "127.0.0.1:0", "micro.server.stream-window",
                Integer.toString(WINDOW), "micro.server.stream-window-max", Integer.toString(WINDOW),
                "micro.server.max-message-size", "65536"));
        closeables.add(server);
        List<ServerInterceptor> interceptors = List.of(recordingServer("server-a"), recordingServer("server-b"));
        server.register(new ServiceDefinition(service, "1.0.0", Map.of(), List.of(
                endpoint("Ticks.Range", CallKind.SERVER_STREAM, interceptors, (req, ctx) -> {
                    lastContext.set(ctx);
                    ctx.metadata().forEach((k, v) -> ctx.responseMetadata().put(k + "-echo", v));
                    Producer<Tick> p = new Producer<>(((Tick) req).n(), Tick::new, consumed);
                    lastProducer.set(p);
                    return CompletableFuture.completedFuture(p);
                }),
                endpoint("Ticks.Forever", CallKind.SERVER_STREAM, interceptors, (req, ctx) -> {
                    lastContext.set(ctx);
                    Producer<Tick> p = new Producer<>(-1, Tick::new, null);
                    lastProducer.set(p);
                    return CompletableFuture.completedFuture(p);
                }),
                endpoint("Ticks.Failing", CallKind.SERVER_STREAM, interceptors, (req, ctx) ->
                        CompletableFuture.completedFuture(new Producer<>(((Tick) req).n(), Tick::new, null)
                                .failingWith(new MicroException("tck", MicroException.CONFLICT,
                                        "stop at " + ((Tick) req).n())))),
                endpoint("Ticks.Sum", CallKind.CLIENT_STREAM, interceptors, (req, ctx) -> sum(req)),
                endpoint("Ticks.First", CallKind.CLIENT_STREAM, interceptors, (req, ctx) -> first(req)),
                endpoint("Ticks.Stalled", CallKind.CLIENT_STREAM, interceptors, (req, ctx) -> stalled(req)),
                endpoint("Ticks.Watched", CallKind.BIDI_STREAM, interceptors, this::watched),
                endpoint("Ticks.Double", CallKind.BIDI_STREAM, interceptors, (req, ctx) -> {
                    @SuppressWarnings("unchecked")
                    Flow.Publisher<Tick> in = (Flow.Publisher<Tick>) req;
                    return CompletableFuture.completedFuture(Publishers.map(in, t -> new Tick(t.n() * 2)));
                }),
                new EndpointDefinition("Ticks.Echo", Tick.class, Tick.class, false,
                        ServerInterceptor.chain(interceptors, (req, ctx) -> {
                            order.add("handler");
                            lastContext.set(ctx);
                            ctx.onEnd(unaryEnds::incrementAndGet);
                            ctx.responseMetadata().put("x-answer", "42");
                            return CompletableFuture.completedFuture(req);
                        })))));
        server.start();
        client = ClientInterceptor.wrap(newClient(Map.of("micro.client.stream-window", Integer.toString(WINDOW),
                "micro.client.stream-window-max", Integer.toString(WINDOW))),
                List.of(recordingClient("client-a"), recordingClient("client-b")));
        closeables.add(client);
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    private ServerInterceptor recordingServer(String name) {
        return (request, context, next) -> {
            order.add(name);
            return next.handle(request, context);
        };
    }

    private ClientInterceptor recordingClient(String name) {
        return new ClientInterceptor() {
            @Override
            public <T> CompletionStage<T> call(Request request, Type responseType, CallOptions options,
                    UnaryInvoker next) {
                order.add(name);
                return next.call(request, responseType, options);
            }

            @Override
            public <T> Flow.Publisher<T> stream(Request request, CallKind kind, Type requestType, Type responseType,
                    CallOptions options, StreamInvoker next) {
                order.add(name);
                return next.stream(request, kind, requestType, responseType, options);
            }
        };
    }

    private static EndpointDefinition endpoint(String name, CallKind kind, List<ServerInterceptor> interceptors,
            Handler handler) {
        Type response = kind == CallKind.CLIENT_STREAM ? Total.class : Tick.class;
        return new EndpointDefinition(name, Tick.class, response, false, ServerInterceptor.chain(interceptors, handler),
                kind);
    }

    @SuppressWarnings("unchecked")
    private static CompletionStage<Total> sum(Object requests) {
        CompletableFuture<Total> result = new CompletableFuture<>();
        ((Flow.Publisher<Tick>) requests).subscribe(new Collector<Tick>(Long.MAX_VALUE, false) {
            private long sum;
            private long count;

            @Override
            public void onNext(Tick item) {
                sum += item.n();
                count++;
            }

            @Override
            public void onError(Throwable t) {
                result.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                result.complete(new Total(sum, count));
            }
        });
        return result;
    }

    @SuppressWarnings("unchecked")
    private static CompletionStage<Total> first(Object requests) {
        CompletableFuture<Total> result = new CompletableFuture<>();
        ((Flow.Publisher<Tick>) requests).subscribe(new Collector<Tick>(1, false) {
            @Override
            public void onNext(Tick item) {
                cancel();
                result.complete(new Total(item.n(), 1));
            }
        });
        return result;
    }

    private final AtomicReference<Collector<Tick>> stalledReader = new AtomicReference<>();

    @SuppressWarnings("unchecked")
    private CompletionStage<Total> stalled(Object requests) {
        CompletableFuture<Total> result = new CompletableFuture<>();
        Collector<Tick> reader = new Collector<>(0, false) {
            @Override
            public void onComplete() {
                result.complete(new Total(0, received.get()));
            }
        };
        stalledReader.set(reader);
        ((Flow.Publisher<Tick>) requests).subscribe(reader);
        return result;
    }

    /**
     * A bidirectional stream that journals its signals: {@code in} per request, {@code in-complete} or
     * {@code in-error} for the end of the requests, {@code out-cancel} when the server cancels the responses,
     * and {@code end} when the call context reports the end of the call. It answers {@code x-count} ticks
     * (metadata; without end when absent) and reads every request.
     */
    @SuppressWarnings("unchecked")
    private CompletionStage<Flow.Publisher<Tick>> watched(Object requests, CallContext ctx) {
        List<String> events = new CopyOnWriteArrayList<>();
        watched.add(events);
        ctx.onEnd(() -> events.add("end"));
        ((Flow.Publisher<Tick>) requests).subscribe(new Flow.Subscriber<Tick>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(Tick item) {
                events.add("in");
            }

            @Override
            public void onError(Throwable t) {
                events.add("in-error");
            }

            @Override
            public void onComplete() {
                events.add("in-complete");
            }
        });
        Producer<Tick> ticks = new Producer<>(Long.parseLong(ctx.metadata().getOrDefault("x-count", "-1")),
                Tick::new, null);
        Flow.Publisher<Tick> journalled = TestStreams.watched(ticks, () -> events.add("out-cancel"), () -> { });
        return CompletableFuture.completedFuture(journalled);
    }

    /** The journal of the one watched stream, once the server reported its end. */
    private List<String> endOfTheWatchedStream() {
        await().atMost(Duration.ofSeconds(30)).until(() -> watched.size() == 1 && watched.get(0).contains("end"));
        List<String> events = List.copyOf(watched.get(0));
        assertThat(events).as("the end comes once, after every other signal").endsWith("end")
                .containsOnlyOnce("end");
        assertThat(events.stream().filter(e -> e.startsWith("in-")).count())
                .as("the request subscriber got one last signal before the end").isEqualTo(1);
        return events;
    }

    private CallOptions options() {
        return CallOptions.builder().address(server.address()).build();
    }

    private CallOptions options(Duration timeout) {
        return CallOptions.builder().address(server.address()).timeout(timeout).build();
    }

    private <T> Flow.Publisher<T> stream(String endpoint, CallKind kind, Object body, Type responseType,
            CallOptions options, Map<String, String> metadata) {
        return client.<T>stream(new Request(service, endpoint, body, "application/json", metadata), kind, Tick.class,
                responseType, options);
    }

    private static MicroException failure(CompletableFuture<?> done) {
        try {
            done.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(MicroException.class);
            return (MicroException) e.getCause();
        } catch (Exception e) {
            throw new AssertionError("the stream did not fail", e);
        }
        throw new AssertionError("the stream completed instead of failing");
    }

    @Test
    protected void serverStreamDeliversEveryMessageInOrder() throws Exception {
        Collector<Tick> reader = new Collector<>(Long.MAX_VALUE, true);
        this.<Tick>stream("Ticks.Range", CallKind.SERVER_STREAM, new Tick(5000), Tick.class, options(), Map.of()).subscribe(reader);
        reader.done.get(30, TimeUnit.SECONDS);
        assertThat(reader.items).extracting(Tick::n).containsExactlyElementsOf(
                LongStream.range(0, 5000).boxed().toList());
    }

    @Test
    protected void clientStreamSendsEveryRequestAndGetsOneAnswer() throws Exception {
        Producer<Tick> requests = new Producer<>(2000, i -> new Tick(i + 1), null);
        Collector<Total> reader = new Collector<>(Long.MAX_VALUE, true);
        this.<Total>stream("Ticks.Sum", CallKind.CLIENT_STREAM, requests, Total.class, options(), Map.of()).subscribe(reader);
        reader.done.get(30, TimeUnit.SECONDS);
        assertThat(reader.items).containsExactly(new Total(2000L * 2001 / 2, 2000));
    }

    @Test
    protected void bidiStreamAnswersEachRequest() throws Exception {
        Producer<Tick> requests = new Producer<>(3000, Tick::new, null);
        Collector<Tick> reader = new Collector<>(Long.MAX_VALUE, true);
        this.<Tick>stream("Ticks.Double", CallKind.BIDI_STREAM, requests, Tick.class, options(), Map.of()).subscribe(reader);
        reader.done.get(30, TimeUnit.SECONDS);
        assertThat(reader.items).extracting(Tick::n).containsExactlyElementsOf(
                LongStream.range(0, 3000).map(i -> i * 2).boxed().toList());
    }

    @Test
    protected void manyStreamsRunAtOnceOverOneClient() throws Exception {
        List<Collector<Tick>> readers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Collector<Tick> reader = new Collector<>(Long.MAX_VALUE, false);
            readers.add(reader);
            this.<Tick>stream("Ticks.Range", CallKind.SERVER_STREAM, new Tick(500 + i), Tick.class, options(), Map.of())
                    .subscribe(reader);
        }
        for (int i = 0; i < readers.size(); i++) {
            readers.get(i).done.get(30, TimeUnit.SECONDS);
            assertThat(readers.get(i).received.get()).isEqualTo(500 + i);
        }
    }

    @Test
    protected void aStalledReaderStopsTheServerProducerAndBuffersAtMostOneWindow() throws Exception {
        Collector<Tick> reader = new Collector<>(5, false) {
            @Override
            public void onNext(Tick item) {
                super.onNext(item);
                consumed.incrementAndGet();
            }
        };
        this.<Tick>stream("Ticks.Range", CallKind.SERVER_STREAM, new Tick(20_000), Tick.class, options(), Map.of())
                .subscribe(reader);
        await().atMost(Duration.ofSeconds(20)).until(() -> lastProducer.get() != null
                && lastProducer.get().emitted() == WINDOW && reader.received.get() == 5);
        Producer<Tick> producer = lastProducer.get();
        // the reader took 5 of a window of 16: no credit was returned, so the producer was asked for 16 only
        assertThat(producer.requested()).isEqualTo(WINDOW);
        reader.request(Long.MAX_VALUE);
        reader.done.get(60, TimeUnit.SECONDS);
        assertThat(reader.received.get()).isEqualTo(20_000);
        assertThat(producer.maxOutstanding()).isLessThanOrEqualTo(WINDOW);
    }

    @Test
    protected void aStalledServerReaderStopsTheClientWriter() throws Exception {
        Producer<Tick> requests = new Producer<>(10_000, Tick::new, null);
        Collector<Total> answer = new Collector<>(Long.MAX_VALUE, true);
        this.<Total>stream("Ticks.Stalled", CallKind.CLIENT_STREAM, requests, Total.class, options(), Map.of()).subscribe(answer);
        await().atMost(Duration.ofSeconds(20)).until(() -> requests.emitted() == WINDOW && stalledReader.get() != null);
        assertThat(requests.requested()).isEqualTo(WINDOW);
        stalledReader.get().request(Long.MAX_VALUE);
        answer.done.get(60, TimeUnit.SECONDS);
        assertThat(answer.items).containsExactly(new Total(0, 10_000));
    }

    @Test
    protected void cancellingOnTheClientCancelsTheServerProducer() throws Exception {
        Collector<Tick> reader = new Collector<>(3, false);
        this.<Tick>stream("Ticks.Forever", CallKind.SERVER_STREAM, new Tick(0), Tick.class, options(), Map.of()).subscribe(reader);
        await().atMost(Duration.ofSeconds(20)).until(() -> reader.received.get() == 3);
        reader.cancel();
        assertThat(lastProducer.get().cancelled.await(20, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(20)).until(() -> lastContext.get().cancelled());
        assertThat(reader.done).isNotDone();
    }

    @Test
    protected void aServerThatStopsReadingCancelsTheClientWriter() throws Exception {
        Producer<Tick> requests = new Producer<>(-1, i -> new Tick(i + 7), null);
        Collector<Total> answer = new Collector<>(Long.MAX_VALUE, true);
        this.<Total>stream("Ticks.First", CallKind.CLIENT_STREAM, requests, Total.class, options(), Map.of()).subscribe(answer);
        answer.done.get(30, TimeUnit.SECONDS);
        assertThat(answer.items).containsExactly(new Total(7, 1));
        assertThat(requests.cancelled.await(20, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    protected void anErrorMidStreamReachesTheReaderAsMicroException() throws Exception {
        Collector<Tick> reader = new Collector<>(Long.MAX_VALUE, true);
        this.<Tick>stream("Ticks.Failing", CallKind.SERVER_STREAM, new Tick(3), Tick.class, options(), Map.of()).subscribe(reader);
        MicroException e = failure(reader.done);
        assertThat(e.code()).isEqualTo(MicroException.CONFLICT);
        assertThat(e.detail()).isEqualTo("stop at 3");
        assertThat(reader.items).extracting(Tick::n).containsExactly(0L, 1L, 2L);
    }

    @Test
    protected void theServerEndsAStreamPastItsDeadline() throws Exception {
        Collector<Tick> reader = new Collector<>(1, false);
        this.<Tick>stream("Ticks.Forever", CallKind.SERVER_STREAM, new Tick(0), Tick.class, options(Duration.ofMillis(700)),
                Map.of()).subscribe(reader);
        MicroException e = failure(reader.done);
        assertThat(e.code()).isEqualTo(MicroException.TIMEOUT);
        assertThat(lastProducer.get().cancelled.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(lastContext.get().cancelled()).isTrue();
        Optional<Duration> remaining = lastContext.get().remaining();
        assertThat(remaining).isPresent();
        assertThat(remaining.get()).isLessThanOrEqualTo(Duration.ofMillis(700));
        await().atMost(Duration.ofSeconds(20)).until(() -> lastContext.get().remaining().orElseThrow().isNegative());
    }

    @Test
    protected void unknownStreamingEndpointFailsTheReaderWith404() {
        Collector<Tick> reader = new Collector<>(1, false);
        this.<Tick>stream("Ticks.Nope", CallKind.SERVER_STREAM, new Tick(1), Tick.class, options(), Map.of()).subscribe(reader);
        assertThat(failure(reader.done).code()).isEqualTo(MicroException.NOT_FOUND);
    }

    @Test
    protected void anOversizeStreamMessageFailsWith413AndTheConnectionStaysUsable() throws Exception {
        Producer<Tick> requests = new Producer<>(3, i -> new Tick(i), null);
        Flow.Publisher<Object> huge = Publishers.map(requests, t -> Map.of("pad", "x".repeat(100_000)));
        Collector<Total> answer = new Collector<>(Long.MAX_VALUE, true);
        client.<Total>stream(new Request(service, "Ticks.Sum", huge, "application/json", Map.of()),
                CallKind.CLIENT_STREAM, Map.class, Total.class, options()).subscribe(answer);
        assertThat(failure(answer.done).code()).isEqualTo(MicroException.TOO_LARGE);
        serverStreamDeliversEveryMessageInOrder();
    }

    @Test
    protected void metadataTravelsBothWaysOnAStream() throws Exception {
        Collector<Tick> reader = new Collector<>(Long.MAX_VALUE, false);
        Flow.Publisher<Tick> ticks = stream("Ticks.Range", CallKind.SERVER_STREAM, new Tick(3), Tick.class, options(),
                Map.of("x-question", "why"));
        ticks.subscribe(reader);
        reader.done.get(30, TimeUnit.SECONDS);
        assertThat(lastContext.get().metadata()).containsEntry("x-question", "why");
        assertThat(ticks).isInstanceOf(ResponseMetadata.class);
        assertThat(((ResponseMetadata) ticks).responseMetadata()).containsEntry("x-question-echo", "why");
    }

    @Test
    protected void interceptorsRunInOrderClientThenServerThenHandler() throws Exception {
        Tick answer = client.call(new Request(service, "Ticks.Echo", new Tick(9), "application/json",
                Map.of("x-q", "1")), Tick.class, options());
        assertThat(answer).isEqualTo(new Tick(9));
        assertThat(order).containsExactly("client-a", "client-b", "server-a", "server-b", "handler");
    }

    @Test
    protected void aUnaryCallReadsTheResponseMetadataInAReply() throws Exception {
        Request echo = new Request(service, "Ticks.Echo", new Tick(4), "application/json", Map.of());
        Reply<Tick> reply = client.reply(echo, Tick.class, options());
        assertThat(reply.value()).isEqualTo(new Tick(4));
        assertThat(reply.metadata()).containsEntry("x-answer", "42").doesNotContainKeys("content-type", "micro-id");
        Reply<Tick> async = client.<Tick>replyAsync(echo, Tick.class, options()).toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        assertThat(async.metadata()).containsEntry("x-answer", "42");
        Object viaType = client.call(echo, Reply.type(Tick.class), options());
        assertThat(viaType).isEqualTo(new Reply<>(new Tick(4), Map.of("x-answer", "42")));
        Tick plain = client.call(echo, Tick.class, options());
        assertThat(plain).isEqualTo(new Tick(4));
    }

    @Test
    protected void clientInterceptorsSeeTheReplyOfACallThatKeepsTheMetadata() throws Exception {
        AtomicReference<Type> typeSeen = new AtomicReference<>();
        AtomicReference<Object> answerSeen = new AtomicReference<>();
        ClientInterceptor reading = new ClientInterceptor() {
            @Override
            public <T> CompletionStage<T> call(Request request, Type responseType, CallOptions options,
                    UnaryInvoker next) {
                typeSeen.set(responseType);
                return next.<T>call(request, responseType, options).thenApply(answer -> {
                    answerSeen.set(answer);
                    return answer;
                });
            }
        };
        Client intercepted = ClientInterceptor.wrap(client, List.of(reading));
        Reply<Tick> reply = intercepted.reply(new Request(service, "Ticks.Echo", new Tick(5), "application/json",
                Map.of()), Tick.class, options());
        assertThat(reply.value()).isEqualTo(new Tick(5));
        assertThat(Reply.isReplyType(typeSeen.get())).isTrue();
        assertThat(Reply.valueType(typeSeen.get())).isEqualTo(Tick.class);
        assertThat(answerSeen.get()).isInstanceOfSatisfying(Reply.class,
                r -> assertThat(r.metadata()).containsEntry("x-answer", "42"));
    }

    @Test
    protected void theServerEndsAUnaryCallOnceAndRunsLateEndActionsAtOnce() throws Exception {
        client.call(new Request(service, "Ticks.Echo", new Tick(1), "application/json", Map.of()), Tick.class,
                options());
        await().atMost(Duration.ofSeconds(30)).until(() -> unaryEnds.get() == 1);
        AtomicInteger late = new AtomicInteger();
        lastContext.get().onEnd(late::incrementAndGet);
        assertThat(late.get()).isEqualTo(1);
        assertThat(unaryEnds.get()).isEqualTo(1);
    }

    @Test
    protected void theServerEndsACompletedStreamOnceAfterItsLastSignal() throws Exception {
        Collector<Tick> reader = new Collector<>(Long.MAX_VALUE, false);
        this.<Tick>stream("Ticks.Watched", CallKind.BIDI_STREAM, new Producer<>(2, Tick::new, null), Tick.class,
                options(), Map.of("x-count", "3")).subscribe(reader);
        reader.done.get(30, TimeUnit.SECONDS);
        assertThat(reader.received.get()).isEqualTo(3);
        assertThat(endOfTheWatchedStream()).contains("out-cancel");
    }

    @Test
    protected void theServerEndsAStreamTheCallerCancelsOnceAfterItsLastSignal() throws Exception {
        Collector<Tick> reader = new Collector<>(3, false);
        this.<Tick>stream("Ticks.Watched", CallKind.BIDI_STREAM, new Producer<>(-1, Tick::new, null), Tick.class,
                options(), Map.of()).subscribe(reader);
        await().atMost(Duration.ofSeconds(20)).until(() -> reader.received.get() == 3);
        reader.cancel();
        assertThat(endOfTheWatchedStream()).contains("out-cancel", "in-error");
    }

    @Test
    protected void theServerEndsAStreamPastItsDeadlineOnceAfterItsLastSignal() throws Exception {
        Collector<Tick> reader = new Collector<>(Long.MAX_VALUE, false);
        this.<Tick>stream("Ticks.Watched", CallKind.BIDI_STREAM, new Producer<>(-1, Tick::new, null), Tick.class,
                options(Duration.ofMillis(500)), Map.of()).subscribe(reader);
        assertThat(failure(reader.done).code()).isEqualTo(MicroException.TIMEOUT);
        assertThat(endOfTheWatchedStream()).contains("out-cancel", "in-error");
    }

    @Test
    protected void aStreamDoesNotStartBeforeItIsSubscribed() throws Exception {
        stream("Ticks.Range", CallKind.SERVER_STREAM, new Tick(1), Tick.class, options(), Map.of());
        Tick answer = client.call(new Request(service, "Ticks.Echo", new Tick(1), "application/json", Map.of()),
                Tick.class, options());
        assertThat(answer).isEqualTo(new Tick(1));
        assertThat(lastProducer.get()).isNull();
    }
}
