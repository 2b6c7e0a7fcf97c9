package dev.microcdi.broker.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microcdi.api.MicroException;
import dev.microcdi.api.broker.Broker;
import dev.microcdi.api.broker.Message;
import dev.microcdi.api.broker.MessageHandler;
import dev.microcdi.api.broker.SubscribeOptions;
import dev.microcdi.api.broker.Subscription;
import dev.microcdi.api.registry.Node;
import dev.microcdi.api.registry.RegisterOptions;
import dev.microcdi.api.registry.Registry;
import dev.microcdi.api.registry.Service;
import dev.microcdi.broker.support.AtMostOnce;
import dev.microcdi.broker.support.Threads;
import dev.microcdi.broker.support.Topics;
import dev.microcdi.transport.server.HttpHost;
import dev.microcdi.transport.wire.HostPort;
import dev.microcdi.transport.wire.NettyTransport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Go Micro's HTTP broker (see {@code docs/events.md} and Go Micro's {@code broker/http.go}).
 *
 * <p>Connecting makes the broker receive on the port of this process's RPC server when it was given one
 * ({@link #receiveOn}) and {@code micro.broker.http.address} is not set; otherwise it starts an HTTP listener
 * of its own on {@code micro.broker.http.address}. Subscribing registers the
 * subscription in the registry as service {@code micro.http.broker}, version the queue group or
 * {@code ff.http.broadcast}, node id {@code <topic>-<uuid>}, node metadata {@code broker=http},
 * {@code topic=<topic>}, {@code secure=false}; registrations are renewed every {@code interval} with
 * {@code ttl}, and removed on close.
 *
 * <p>Publishing puts the message in a bounded outbox (503 when full) and returns; sender threads look up the
 * subscriber nodes of the topic in the registry and {@code POST http://<address>/?id=<node id>} the JSON
 * {@code {"Header":{...},"Body":"<base64>"}}: to every broadcast node, and to one random node of each queue
 * group. A failed post is tried again (on another node of the group when there is one) up to
 * {@code attempts} times, 100 ms apart, then dropped with a warning. Delivery is at most once, as Go Micro's.
 * Thread-safe.
 */
final class HttpBroker implements Broker, ServerPortSharing {
    private static final System.Logger LOG = System.getLogger(HttpBroker.class.getName());
    static final String ID = "micro.broker.http";
    /** The registry service of subscribers. */
    static final String SERVICE = "micro.http.broker";
    /** The version of subscribers without a queue group. */
    static final String BROADCAST = "ff.http.broadcast";
    private static final long RETRY_PAUSE_MILLIS = 100;

    private final HttpBrokerOptions options;
    private final Registry registry;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Sub> subscriptions = new ConcurrentHashMap<>();
    private final BlockingQueue<Outgoing> outbox;
    /** Messages accepted and not yet sent: queued in the outbox or being posted. */
    private final AtomicInteger sending = new AtomicInteger();
    private volatile HttpClient http;
    private ExecutorService senders;
    private ThreadPoolExecutor workers;
    private ScheduledExecutorService renewer;
    private EventLoopGroup group;
    private Channel listener;
    private HttpHost host;
    private String address;
    private boolean connected;
    private volatile boolean closed;

    private record Outgoing(String topic, byte[] json) {
    }

    HttpBroker(HttpBrokerOptions options, Registry registry) {
        this.options = options;
        this.registry = registry;
        this.outbox = new ArrayBlockingQueue<>(options.outbox());
    }

    private final class Sub implements Subscription {
        private final String topic;
        private final SubscribeOptions subscribeOptions;
        private final MessageHandler handler;
        private final Service service;
        private volatile boolean open = true;

        Sub(String topic, SubscribeOptions subscribeOptions, MessageHandler handler, Service service) {
            this.topic = topic;
            this.subscribeOptions = subscribeOptions;
            this.handler = handler;
            this.service = service;
        }

        @Override
        public String topic() {
            return topic;
        }

        @Override
        public String queue() {
            return subscribeOptions.queue();
        }

        @Override
        public void close() {
            if (!open) {
                return;
            }
            open = false;
            subscriptions.remove(service.nodes().get(0).id());
            try {
                registry.deregister(service);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Deregistering the subscription to " + topic + " failed", e);
            }
        }
    }

    @Override
    public synchronized void connect() {
        if (closed) {
            throw MicroException.unavailable(ID, "the broker is closed");
        }
        if (connected) {
            return;
        }
        if (host != null && !options.addressSet()) {
            host.serveHttp(pipeline -> HttpReceiver.install(pipeline, options.maxSize(), this::receive));
            address = options.advertise() != null ? options.advertise() : host.address();
        } else {
            listen();
        }
        senders = Executors.newFixedThreadPool(options.senders(), Threads.daemon("micro-broker-http-send"));
        for (int i = 0; i < options.senders(); i++) {
            senders.execute(this::sendLoop);
        }
        workers = new ThreadPoolExecutor(options.workers(), options.workers(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(options.inbox()), Threads.daemon("micro-broker-http-worker"));
        renewer = Executors.newSingleThreadScheduledExecutor(Threads.daemon("micro-broker-http-renew"));
        long every = options.interval().toMillis();
        renewer.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
        connected = true;
        LOG.log(Level.INFO, "HTTP broker receiving on {0}{1}", address,
                listener == null ? " (the RPC server's port)" : "");
    }

    /**
     * The client that posts messages, made at the first post: creating one sets up TLS, which costs a process
     * that only subscribes, or is starting, CPU time for nothing.
     */
    private HttpClient http() {
        HttpClient c = http;
        if (c == null) {
            synchronized (this) {
                c = http;
                if (c == null) {
                    c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(options.timeout())
                            .executor(Executors.newCachedThreadPool(Threads.daemon("micro-broker-http-client")))
                            .build();
                    http = c;
                }
            }
        }
        return c;
    }

    @Override
    public synchronized void receiveOn(HttpHost server) {
        if (connected) {
            throw new IllegalStateException("the broker is connected already");
        }
        this.host = server;
    }

    /** Binds the broker's own listener. */
    private void listen() {
        NettyTransport transport = NettyTransport.choose(true);
        group = transport.newGroup(1, "micro-broker-http-io");
        ServerBootstrap bootstrap = new ServerBootstrap().group(group).channel(transport.serverChannel())
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        HttpReceiver.install(ch.pipeline(), options.maxSize(), HttpBroker.this::receive);
                    }
                });
        ChannelFuture bind = bootstrap.bind(options.address().host(), options.address().port())
                .awaitUninterruptibly();
        if (!bind.isSuccess()) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new MicroException(ID, MicroException.INTERNAL, "cannot bind the HTTP broker to "
                    + options.address() + ": " + bind.cause().getMessage(), bind.cause());
        }
        listener = bind.channel();
        InetSocketAddress local = (InetSocketAddress) listener.localAddress();
        address = options.advertise() != null ? options.advertise()
                : new HostPort(local.getAddress().getHostAddress(), local.getPort()).toString();
    }

    private synchronized void ensureConnected() {
        if (closed || !connected) {
            throw MicroException.unavailable(ID, closed ? "the broker is closed" : "the broker is not connected");
        }
    }

    @Override
    public CompletionStage<Void> publish(String topic, Message message) {
        try {
            Topics.check(ID, topic);
            ensureConnected();
            if (message.bodySize() > options.maxSize()) {
                throw new MicroException(ID, MicroException.TOO_LARGE, "message of " + message.bodySize()
                        + " bytes is over the limit of " + options.maxSize() + " (micro.broker.http.max-size)");
            }
            Map<String, String> header = new LinkedHashMap<>(message.header());
            header.put("Micro-Topic", topic);
            Map<String, Object> wire = new LinkedHashMap<>();
            wire.put("Header", header);
            wire.put("Body", message.body());
            byte[] body = json.writeValueAsBytes(wire);
            sending.incrementAndGet();
            if (!outbox.offer(new Outgoing(topic, body))) {
                sending.decrementAndGet();
                throw MicroException.unavailable(ID, "the outbox is full: %d messages wait to be sent "
                        + "(micro.broker.http.outbox); subscribers are slower than the publisher, or unreachable; "
                        + "publish again later", options.outbox());
            }
            return CompletableFuture.completedFuture(null);
        } catch (MicroException e) {
            return CompletableFuture.failedFuture(e);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new MicroException(ID, MicroException.INTERNAL,
                    "cannot encode the message: " + e, e));
        }
    }

    private void sendLoop() {
        while (!closed) {
            Outgoing next;
            try {
                next = outbox.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                send(next);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Sending a message on " + next.topic() + " failed", e);
            } finally {
                sending.decrementAndGet();
            }
        }
    }

    /** Posts one message to every broadcast subscriber and one member of each queue group. */
    private void send(Outgoing message) {
        for (List<Node> nodes : targets(message.topic())) {
            post(message, nodes);
        }
    }

    /**
     * The subscriber groups of a topic: each broadcast node alone, and each queue group's nodes together (one
     * of them gets the message).
     */
    private List<List<Node>> targets(String topic) {
        List<List<Node>> out = new ArrayList<>();
        List<Service> services;
        try {
            services = registry.getService(SERVICE);
        } catch (MicroException e) {
            if (e.code() != MicroException.NOT_FOUND) {
                LOG.log(Level.WARNING, "Looking up subscribers of {0} failed: {1}", topic, e.detail());
            }
            return out;
        }
        Map<String, List<Node>> groups = new LinkedHashMap<>();
        for (Service s : services) {
            for (Node n : s.nodes()) {
                if (!"http".equals(n.metadata().get("broker")) || !topic.equals(n.metadata().get("topic"))) {
                    continue;
                }
                if (BROADCAST.equals(s.version())) {
                    out.add(List.of(n));
                } else {
                    groups.computeIfAbsent(s.version(), v -> new ArrayList<>()).add(n);
                }
            }
        }
        out.addAll(groups.values());
        return out;
    }

    private void post(Outgoing message, List<Node> candidates) {
        List<Node> left = new ArrayList<>(candidates);
        for (int attempt = 1; attempt <= options.attempts() && !closed; attempt++) {
            Node node = left.get(ThreadLocalRandom.current().nextInt(left.size()));
            String scheme = "true".equals(node.metadata().get("secure")) ? "https" : "http";
            HttpRequest request = HttpRequest.newBuilder(URI.create(scheme + "://" + node.address() + "/?id=" + node.id()))
                    .timeout(options.timeout()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(message.json())).build();
            try {
                HttpResponse<Void> response = http().send(request, HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() / 100 == 2) {
                    return;
                }
                if (response.statusCode() == 404 && left.size() > 1) {
                    // A stale registration (the subscriber restarted on the same address): try another member.
                    left.remove(node);
                    continue;
                }
                if (response.statusCode() != 503) {
                    LOG.log(Level.WARNING, "Subscriber {0} answered {1} to a message on {2}; not retrying",
                            node.id(), response.statusCode(), message.topic());
                    return;
                }
            } catch (IOException e) {
                if (left.size() > 1) {
                    left.remove(node);
                }
                LOG.log(Level.DEBUG, "Posting to {0} failed (attempt {1}): {2}", node.id(), attempt, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                Thread.sleep(RETRY_PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        LOG.log(Level.WARNING, "Dropped a message on {0}: no subscriber of {1} took it in {2} attempts",
                message.topic(), candidates.get(0).id(), options.attempts());
    }

    /**
     * Handles a POST from a publisher; called on the event loop, hands the message to a worker.
     *
     * @return the HTTP status to answer when it is known at once, or 0 when the worker answers
     */
    private int receive(String subscriberId, byte[] body, java.util.function.IntConsumer answer) {
        Sub sub = subscriberId == null ? null : subscriptions.get(subscriberId);
        if (sub == null || !sub.open) {
            return 404;
        }
        Message message;
        try {
            JsonNode tree = json.readTree(body);
            Map<String, String> header = new LinkedHashMap<>();
            JsonNode h = tree.get("Header");
            if (h != null && h.isObject()) {
                h.properties().forEach(e -> header.put(e.getKey(), e.getValue().asText()));
            }
            JsonNode b = tree.get("Body");
            message = new Message(header, b == null || b.isNull() ? new byte[0] : b.binaryValue());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "Refused a message for {0}: {1}", subscriberId, e.toString());
            return 400;
        }
        String topic = message.header().getOrDefault("Micro-Topic", sub.topic);
        try {
            workers.execute(() -> {
                if (sub.open) {
                    AtMostOnce.handle(topic, message, sub.handler);
                }
                answer.accept(200);
            });
        } catch (java.util.concurrent.RejectedExecutionException full) {
            return 503;
        }
        return 0;
    }

    @Override
    public Subscription subscribe(String topic, SubscribeOptions subscribeOptions, MessageHandler handler) {
        Topics.check(ID, topic);
        ensureConnected();
        String nodeId = topic + "-" + UUID.randomUUID();
        Node node = new Node(nodeId, address, Map.of("broker", "http", "topic", topic, "secure", "false"));
        String version = subscribeOptions.queue().isEmpty() ? BROADCAST : subscribeOptions.queue();
        Service service = new Service(SERVICE, version, Map.of(), List.of(), List.of(node));
        Sub sub = new Sub(topic, subscribeOptions, handler, service);
        subscriptions.put(nodeId, sub);
        try {
            registry.register(service, registerOptions());
        } catch (RuntimeException e) {
            subscriptions.remove(nodeId);
            throw e instanceof MicroException m ? m : new MicroException(ID, MicroException.UNAVAILABLE,
                    "cannot register the subscription to " + topic + ": " + e, e);
        }
        return sub;
    }

    /** Waits up to the drain period for the outbox to be sent, so that a publisher exiting loses nothing. */
    private void drain() {
        long deadline = System.nanoTime() + options.drain().toNanos();
        while (sending.get() > 0 && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (!outbox.isEmpty()) {
            LOG.log(Level.WARNING, "Closing the HTTP broker drops {0} unsent messages after {1}", outbox.size(),
                    options.drain());
        }
    }

    private RegisterOptions registerOptions() {
        return RegisterOptions.builder().ttl(options.ttl()).build();
    }

    private void renew() {
        for (Sub s : subscriptions.values()) {
            try {
                registry.register(s.service, registerOptions());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Renewing the subscription to " + s.topic + " failed; retrying at the next "
                        + "interval", e);
            }
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        drain();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        List.copyOf(subscriptions.values()).forEach(Sub::close);
        if (connected) {
            renewer.shutdownNow();
            senders.shutdownNow();
            workers.shutdownNow();
            if (listener != null) {
                listener.close().awaitUninterruptibly();
                group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
            } else {
                host.serveHttp(null);
            }
        }
        outbox.clear();
    }
}
