package dev.microcdi.transport.client;

import dev.microcdi.api.CallKind;
import dev.microcdi.api.MicroException;
import dev.microcdi.api.Setting;
import dev.microcdi.api.client.AttemptListener;
import dev.microcdi.api.client.CallOptions;
import dev.microcdi.api.client.CallerRunsExecutor;
import dev.microcdi.api.client.Client;
import dev.microcdi.api.client.ClientContext;
import dev.microcdi.api.client.Request;
import dev.microcdi.api.codec.Codec;
import dev.microcdi.api.registry.Node;
import dev.microcdi.api.registry.Service;
import dev.microcdi.api.selector.Selector;
import dev.microcdi.api.selector.ServiceFilter;
import dev.microcdi.transport.exec.WorkerPool;
import dev.microcdi.transport.wire.FrameDecoder;
import dev.microcdi.transport.wire.HostPort;
import dev.microcdi.transport.wire.NettyTransport;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledHeapByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.lang.System.Logger.Level;
import java.lang.reflect.Type;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The {@code mucp} client: finds nodes through the registry, picks one per attempt with the service's
 * selector, and sends the call over one lazily opened, multiplexed connection per node address. See
 * {@link RetryingCall} for deadlines and retries. An address whose connect failed or whose connection dropped
 * is not dialled again before its reconnect backoff ran out ({@link ReconnectSettings}); attempts on it fail
 * at once, unwritten, with 503, so that calls move on to other nodes.
 *
 * <p>Threads: network I/O runs on Netty event loops ({@code micro.client.io-threads}); answers of
 * asynchronous calls are decoded and futures completed on a small callback pool
 * ({@code micro.client.callback-threads}), so a continuation that blocks holds a callback thread, never an
 * event loop; a blocking {@link #call} decodes its answer on the thread that waits for it. The nodes of a service are flattened (versions
 * merged, filters applied, one node per address, sorted by address) once per list the registry returns:
 * a caching registry that returns the same list instance costs no allocation per call. Thread-safe.
 */
public final class MucpClient implements Client {
    private static final System.Logger LOG = System.getLogger(MucpClient.class.getName());
    private final ClientContext context;
    private final ClientSettings settings;
    private final BalancingSettings balancing;
    private final OutlierDetector outliers;
    private final ReconnectBackoff reconnects;
    private final AttemptListener[] listeners;
    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final WorkerPool callbacks;
    private final long callbackSpinNanos;
    private final AtomicBoolean waiterSpinning = new AtomicBoolean();
    private final Map<String, ClientConnection> connections = new ConcurrentHashMap<>();
    private final Map<String, NodeList> nodeLists = new ConcurrentHashMap<>();
    private final Duration streamTimeout;
    private final Duration keepalive;
    private final Duration idleTimeout;
    private final boolean directCallbacks;
    private final int connectionsPerNode;
    private final AtomicInteger nextConnection = new AtomicInteger();
    /** Where a call's continuations run when its options name no executor. */
    private final Executor defaultExecutor = this::execute;
    /** The codec of the last request body type looked up; calls in a row mostly send the same type. */
    private volatile CodecChoice lastCodec;
    /** The node of the last call by address; calls by address mostly go to one. */
    private volatile List<Node> lastAddressNode;
    private volatile boolean closed;

    /** Setting: the deadline of a stream when the call sets none. */
    public static final String STREAM_TIMEOUT = "micro.client.stream-timeout";
    private static final Duration DEFAULT_STREAM_TIMEOUT = Duration.ofHours(1);
    /** Setting: how long a connection may go without traffic before the client PINGs it. */
    public static final String KEEPALIVE = "micro.client.keepalive-interval";
    /**
     * Setting: whether answers are decoded and callers' futures completed on the event loop (faster, one thread
     * hand-off less) instead of the callback pool; only for callers whose continuations never block.
     */
    public static final String DIRECT_CALLBACKS = "micro.client.direct-callbacks";
    /** Setting: how many multiplexed connections the client keeps to each node; calls spread over them. */
    public static final String CONNECTIONS_PER_NODE = "micro.client.connections-per-node";
    /** Setting: how long one idle callback thread polls for the next answer before it parks (0: at once). */
    public static final String CALLBACK_SPIN = "micro.client.callback-spin";
    /** Setting: how long a connection without calls stays open. */
    public static final String IDLE_TIMEOUT = "micro.client.idle-timeout";

    /**
     * The keys this class reads itself, with their defaults (the rest are in {@link ClientSettings},
     * {@link BalancingSettings} and {@link ReconnectSettings}).
     *
     * @return the settings
     */
    static List<Setting> settings() {
        return List.of(
                new Setting(STREAM_TIMEOUT, "deadline of a stream when the call sets none", "1h"),
                new Setting(KEEPALIVE, "PING a connection after this long without traffic; close it when the"
                        + " previous PING is unanswered", "30s"),
                new Setting(IDLE_TIMEOUT, "close a connection without calls after this long", "5m"),
                new Setting(CONNECTIONS_PER_NODE, "multiplexed connections kept to each node", "1"),
                new Setting(DIRECT_CALLBACKS, "decode answers and complete futures on the event loop; only for"
                        + " callers whose continuations never block", "false"),
                new Setting(CALLBACK_SPIN, "how long one idle callback thread (and one waiting blocking caller)"
                        + " polls before it parks; 0 turns it off, at most 10ms", "50us"));
    }

    private record NodeList(List<Service> source, List<ServiceFilter> filters, List<Node> nodes) {
    }

    private record CodecChoice(Class<?> type, Codec codec) {
    }

    /**
     * Creates a client; connections open on first use.
     *
     * @param context the registry, selectors, codecs and settings
     * @param settings the client settings
     */
    public MucpClient(ClientContext context, ClientSettings settings) {
        this(context, settings, System::nanoTime);
    }

    /** A client whose outlier ejection and reconnect backoff read time from {@code ticker} (nanoseconds), for tests. */
    MucpClient(ClientContext context, ClientSettings settings, LongSupplier ticker) {
        this.context = context;
        this.settings = settings;
        this.balancing = BalancingSettings.from(context.settings());
        this.outliers = new OutlierDetector(balancing, ticker);
        this.reconnects = new ReconnectBackoff(ReconnectSettings.from(context.settings()), ticker);
        this.listeners = context.listeners().toArray(AttemptListener[]::new);
        this.streamTimeout = context.settings().duration(STREAM_TIMEOUT, DEFAULT_STREAM_TIMEOUT);
        this.keepalive = context.settings().duration(KEEPALIVE, Duration.ofSeconds(30));
        this.idleTimeout = context.settings().duration(IDLE_TIMEOUT, Duration.ofMinutes(5));
        this.directCallbacks = context.settings().bool(DIRECT_CALLBACKS, false);
        this.connectionsPerNode = context.settings().integer(CONNECTIONS_PER_NODE, 1);
        if (connectionsPerNode < 1) {
            throw MicroException.badRequest("micro.config", "%s must be at least 1", CONNECTIONS_PER_NODE);
        }
        Duration callbackSpin = context.settings().duration(CALLBACK_SPIN, Duration.ofNanos(50_000));
        if (callbackSpin.isNegative() || callbackSpin.compareTo(Duration.ofMillis(10)) > 0) {
            throw MicroException.badRequest("micro.config", "%s must be between 0 and 10ms", CALLBACK_SPIN);
        }
        if (streamTimeout.isZero() || streamTimeout.isNegative() || keepalive.isZero() || keepalive.isNegative()
                || idleTimeout.isNegative()) {
            throw MicroException.badRequest("micro.config", "%s and %s must be positive, %s not negative",
                    STREAM_TIMEOUT, KEEPALIVE, IDLE_TIMEOUT);
        }
        NettyTransport transport = NettyTransport.choose(settings.preferNative());
        this.group = transport.newGroup(settings.ioThreads(), "micro-client-io");
        this.bootstrap = new Bootstrap().group(group).channel(transport.channel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
                        (int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis()));
        this.callbackSpinNanos = callbackSpin.toNanos();
        this.callbacks = new WorkerPool("micro-client-callback-", settings.callbackThreads(), Integer.MAX_VALUE,
                TimeUnit.SECONDS.toNanos(60), callbackSpinNanos);
    }

    /**
     * Starts a call. On an event loop of this library (a handler that runs there, or a direct callback), a call that looks its
     * nodes up in the registry starts on the callback pool instead, since a lookup may block (mDNS waits for
     * answers, etcd makes a round trip). A blocking wait of {@link #call} through interceptors (a
     * {@link CallerRunsExecutor} in the options) fails there at once: see {@link #call}.
     */
    @Override
    public <T> CompletionStage<T> callAsync(Request request, Type responseType, CallOptions options) {
        try {
            boolean onEventLoop = NettyTransport.onEventLoop();
            if (onEventLoop && options.executor() instanceof CallerRunsExecutor) {
                throw blockingOnEventLoop(request);
            }
            Executor executor = options.executor() == null ? defaultExecutor : orCallbacks(options.executor());
            RetryingCall<T> call = newCall(request, responseType, options, executor);
            if (onEventLoop && options.address() == null) {
                return call.startOn(this::offLoop);
            }
            return call.start();
        } catch (MicroException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * A blocking call on an event loop would stall every connection of that loop, and deadlock when the answer
     * has to be read by the same loop (a call to a service of this process on a pooled connection).
     */
    private static MicroException blockingOnEventLoop(Request request) {
        return new MicroException("micro.client", MicroException.INTERNAL, "blocking call of " + request.service()
                + " " + request.endpoint() + " on event loop " + Thread.currentThread().getName()
                + ": it would stall the loop that may have to read its answer; use the async form, or make the"
                + " calling handler run on a worker (in CDI: mark it @Blocking)");
    }

    /** Runs on the callback pool, even with direct callbacks; inline once the pool is shut down. */
    private void offLoop(Runnable task) {
        try {
            callbacks.execute(task);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }

    /**
     * Calls and waits; the waiting thread itself decodes the answer and runs the call's retry decisions, so
     * the answer reaches it with one thread wake-up. Options that name another executor for that make it
     * {@link Client#call}'s wait for {@link #callAsync}; a {@link CallerRunsExecutor} there belongs to a call this
     * thread makes already, from which this one was made, and is not used. An interrupt ends the call (its stream
     * is reset) with a 408 and leaves the thread's interrupt flag set. On an event loop of this library it fails at once with
     * 500: waiting there would stall every connection of the loop, and never end when the answer has to be read by
     * that loop.
     */
    @Override
    public <T> T call(Request request, Type responseType, CallOptions options) {
        if (NettyTransport.onEventLoop()) {
            throw blockingOnEventLoop(request);
        }
        Executor chosen = options.executor();
        if (chosen != null && !(chosen instanceof CallerRunsExecutor)) {
            return Client.super.call(request, responseType, options);
        }
        CallerRunsExecutor waiting = new CallerRunsExecutor(waiterSpinning, callbackSpinNanos);
        RetryingCall<T> call = newCall(request, responseType, options, orCallbacks(waiting));
        CompletableFuture<T> result = call.start();
        if (!waiting.runUntil(result)) {
            call.abandon(new MicroException("micro.client", MicroException.TIMEOUT, "interrupted while waiting"));
        }
        try {
            return result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof MicroException me) {
                throw me;
            }
            throw new MicroException("micro.client", MicroException.INTERNAL, String.valueOf(e.getCause()), e);
        }
    }

    /** Encodes the request and prepares its call; throws what makes the call fail before any attempt. */
    private <T> RetryingCall<T> newCall(Request request, Type responseType, CallOptions options, Executor executor) {
        if (closed) {
            throw MicroException.unavailable("micro.client", "client is closed");
        }
        Codec codec;
        ByteBuf body;
        try {
            codec = request.contentType() != null ? context.codecs().forContentType(request.contentType())
                    : codecFor(request.body() == null ? Object.class : request.body().getClass());
            int size = codec.encodedSize(request.body());
            body = new UnpooledHeapByteBuf(UnpooledByteBufAllocator.DEFAULT, size >= 0 ? size : 256, Integer.MAX_VALUE);
            codec.encode(request.body(), new ByteBufOutputStream(body));
        } catch (MicroException e) {
            throw e.code() == MicroException.INTERNAL
                    ? new MicroException("micro.client", MicroException.BAD_REQUEST, e.detail(), e) : e;
        }
        Duration timeout = options.timeout() != null ? options.timeout() : settings.timeout();
        int retries = options.retries() >= 0 ? options.retries() : settings.retries();
        Selector selector = options.selector() != null ? context.namedSelectors().apply(options.selector())
                : context.selectors().apply(request.service());
        return new RetryingCall<>(this, request, codec, body, responseType, options, selector, executor, timeout,
                retries);
    }

    private Codec codecFor(Class<?> type) {
        CodecChoice last = lastCodec;
        if (last != null && last.type() == type) {
            return last.codec();
        }
        Codec codec = context.codecs().forType(type);
        lastCodec = new CodecChoice(type, codec);
        return codec;
    }

    @Override
    public <T> Flow.Publisher<T> stream(Request request, CallKind kind, Type requestType, Type responseType,
            CallOptions options) {
        if (kind == CallKind.UNARY) {
            throw new IllegalArgumentException("stream() serves streaming kinds; use call() for unary endpoints");
        }
        if (closed) {
            return failed(MicroException.unavailable("micro.client", "client is closed"));
        }
        if (kind.streamsRequests() && !(request.body() instanceof Flow.Publisher<?>)) {
            return failed(MicroException.badRequest("micro.client", "the body of a %s call must be a Flow.Publisher",
                    kind));
        }
        Codec codec;
        ByteBuf body = null;
        try {
            codec = request.contentType() != null ? context.codecs().forContentType(request.contentType())
                    : context.codecs().forType(requestType);
            if (!kind.streamsRequests()) {
                body = new UnpooledHeapByteBuf(UnpooledByteBufAllocator.DEFAULT, 256, Integer.MAX_VALUE);
                codec.encode(request.body(), new ByteBufOutputStream(body));
            }
        } catch (MicroException e) {
            return failed(e.code() == MicroException.INTERNAL
                    ? new MicroException("micro.client", MicroException.BAD_REQUEST, e.detail(), e) : e);
        }
        Duration timeout = options.timeout() != null ? options.timeout() : streamTimeout;
        int retries = options.retries() >= 0 ? options.retries() : settings.retries();
        return new StreamCall<>(this, request, kind, codec, body, responseType, options,
                context.selectors().apply(request.service()), timeout, retries, settings.limits());
    }

    private static <T> Flow.Publisher<T> failed(MicroException error) {
        return subscriber -> {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                    // the stream failed before it opened
                }

                @Override
                public void cancel() {
                    // nothing was opened
                }
            });
            subscriber.onError(error);
        };
    }

    boolean isClosed() {
        return closed;
    }

    BalancingSettings balancing() {
        return balancing;
    }

    OutlierDetector outliers() {
        return outliers;
    }

    /** Tells the attempt listeners that an attempt starts; a listener that throws is logged and skipped. */
    void attemptStarted(Request request, Node node) {
        for (AttemptListener l : listeners) {
            try {
                l.attemptStarted(request.service(), request.endpoint(), node);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Attempt listener " + l.getClass().getName() + " failed", e);
            }
        }
    }

    /** Tells the attempt listeners that an attempt ended; a listener that throws is logged and skipped. */
    void attemptEnded(Request request, Node node, MicroException failure) {
        for (AttemptListener l : listeners) {
            try {
                l.attemptEnded(request.service(), request.endpoint(), node, failure);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Attempt listener " + l.getClass().getName() + " failed", e);
            }
        }
    }

    Codec codec(String contentType) {
        return context.codecs().forContentType(contentType);
    }

    /** The nodes a call may try now: the service's nodes (or the direct address) minus those that failed it. */
    List<Node> candidates(String service, CallOptions options, List<String> failed) {
        List<Node> all = options.address() != null ? addressNode(options.address()) : nodes(service, options.filters());
        if (failed.isEmpty()) {
            return all;
        }
        List<Node> left = new ArrayList<>(all.size());
        for (Node n : all) {
            if (!failed.contains(n.address())) {
                left.add(n);
            }
        }
        return left;
    }

    /** The node of a call by address: the last one made when the address is the same. */
    private List<Node> addressNode(String address) {
        List<Node> last = lastAddressNode;
        if (last != null && last.get(0).address().equals(address)) {
            return last;
        }
        List<Node> node = List.of(new Node(address, address, Map.of()));
        lastAddressNode = node;
        return node;
    }

    private List<Node> nodes(String service, List<ServiceFilter> filters) {
        List<Service> versions = context.registry().getService(service);
        NodeList cached = nodeLists.get(service);
        if (cached != null && cached.source() == versions && cached.filters() == filters) {
            return cached.nodes();
        }
        List<Service> kept = versions;
        for (ServiceFilter f : filters) {
            kept = f.filter(kept);
        }
        Map<String, Node> byAddress = new LinkedHashMap<>();
        for (Service s : kept) {
            for (Node n : s.nodes()) {
                byAddress.putIfAbsent(n.address(), n);
            }
        }
        List<Node> nodes = new ArrayList<>(byAddress.values());
        nodes.sort(Comparator.comparing(Node::address));
        List<Node> result = List.copyOf(nodes);
        nodeLists.put(service, new NodeList(versions, filters, result));
        return result;
    }

    /**
     * The connection to an address, opening it when there is none.
     *
     * @throws MicroException 503 when there is none and the address backs off after failed connections
     */
    ClientConnection connection(String address) {
        String key = connectionsPerNode == 1 ? address
                : address + "#" + Math.floorMod(nextConnection.getAndIncrement(), connectionsPerNode);
        ClientConnection c = connections.get(key);
        if (c != null) {
            return c;
        }
        reconnects.check(address);
        return connections.computeIfAbsent(key, k -> connect(k, address));
    }

    private ClientConnection connect(String key, String address) {
        HostPort target = HostPort.parse(address, "node address");
        ClientConnection connection = new ClientConnection(this, key, address, settings.limits(),
                settings.flushEvery(), settings.maxWaiting(), keepalive.toNanos(), idleTimeout.toNanos());
        ChannelFuture future = bootstrap.clone().handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast("mcdi-frames", new FrameDecoder(settings.limits().maxFrameSize()))
                        .addLast("mcdi-connection", connection);
            }
        }).connect(new InetSocketAddress(target.host(), target.port()));
        connection.connecting(future);
        future.addListener(f -> {
            if (!f.isSuccess()) {
                connection.connectFailed();
            }
        });
        if (closed) {
            future.channel().close();
        }
        return connection;
    }

    /** How many node connections are open or opening; for monitoring. */
    int openConnections() {
        return connections.size();
    }

    /** A connection could not be opened: its address backs off (counted once per connection) and it is forgotten. */
    void connectFailed(ClientConnection connection) {
        if (!closed) {
            reconnects.failed(connection.address(), connection);
        }
        connections.remove(connection.key(), connection);
    }

    /** A connection is up (the server's SETTINGS arrived): the address's reconnect backoff starts over. */
    void connected(ClientConnection connection) {
        reconnects.connected(connection.address());
    }

    /** A connection closed without being asked to (reset, keepalive failure): its address backs off. */
    void dropped(ClientConnection connection) {
        if (!closed) {
            reconnects.failed(connection.address(), connection);
        }
    }

    /** Drops a connection that closed or is going away, so that the next call opens a new one. */
    void forget(ClientConnection connection) {
        connections.remove(connection.key(), connection);
    }

    ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
        return timers().schedule(task, delayNanos, TimeUnit.NANOSECONDS);
    }

    /** An event loop of the client, for timers of calls that no connection times. */
    EventExecutor timers() {
        return group.next();
    }

    /** The caller's executor for a call's continuations, and the callback pool for a task it refuses. */
    private Executor orCallbacks(Executor preferred) {
        return task -> {
            try {
                preferred.execute(task);
            } catch (RejectedExecutionException e) {
                execute(task);
            }
        };
    }

    /** Runs on the callback pool; inline once the pool is shut down, or always with direct callbacks. */
    void execute(Runnable task) {
        if (directCallbacks) {
            task.run();
            return;
        }
        offLoop(task);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (ClientConnection c : connections.values()) {
            c.channel().close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        connections.clear();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        callbacks.shutdown();
    }
}
