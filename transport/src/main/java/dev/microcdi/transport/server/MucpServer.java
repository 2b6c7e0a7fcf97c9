package dev.microcdi.transport.server;

import dev.microcdi.api.MicroException;
import dev.microcdi.api.codec.Codecs;
import dev.microcdi.api.server.Server;
import dev.microcdi.api.server.ServiceDefinition;
import dev.microcdi.transport.wire.HostPort;
import dev.microcdi.transport.wire.NettyTransport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The {@code mucp} server: one Netty port speaking the binary wire of {@code docs/wire.md}. Handlers run on a
 * bounded worker pool ({@code micro.server.workers}, {@code micro.server.queue}); when it is full, calls are
 * answered 503 "not processed" without running. {@link #shutdown(Duration)} closes the port, announces GOAWAY
 * on open connections, answers new calls 503 "not processed", waits for calls in flight up to the grace
 * period, then closes. Connections that start with an HTTP request line go to the handlers installed with
 * {@link #serveHttp}, else they are answered 501. Thread-safe.
 */
public final class MucpServer implements Server, HttpHost {
    private static final System.Logger LOG = System.getLogger(MucpServer.class.getName());
    /** The value of the {@code wire} node metadata key: the binary wire and its version. */
    public static final String WIRE = "mcdi/1";

    private final ServerSettings settings;
    private final CallDispatcher dispatcher;
    private final NettyTransport transport;
    private volatile Consumer<ChannelPipeline> http;
    private final ChannelGroup connections = new DefaultChannelGroup("micro-server", GlobalEventExecutor.INSTANCE);
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private EventLoopGroup group;
    private Channel serverChannel;
    private String boundAddress;
    private boolean stopping;

    /**
     * Creates a server, not yet started.
     *
     * @param settings the settings
     * @param codecs the installed codecs
     */
    public MucpServer(ServerSettings settings, Codecs codecs) {
        this.settings = settings;
        this.dispatcher = new CallDispatcher(codecs, settings.workers(), settings.queue(),
                settings.handlerThreads(), settings.workerSpin().toNanos(), settings.blockedHandlerWarning());
        this.transport = NettyTransport.choose(settings.preferNative());
    }

    @Override
    public void register(ServiceDefinition service) {
        dispatcher.register(service);
    }

    @Override
    public synchronized void start() {
        if (stopping) {
            throw MicroException.unavailable(CallDispatcher.SERVER_ID, "server was shut down");
        }
        if (serverChannel != null) {
            return;
        }
        group = transport.newGroup(settings.ioThreads(), "micro-server-io");
        ServerBootstrap bootstrap = new ServerBootstrap().group(group).channel(transport.serverChannel())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        connections.add(ch);
                        dispatcher.connected(ch.eventLoop());
                        ch.pipeline().addLast("mcdi-detect",
                                new ProtocolDetector(dispatcher, settings.limits(), settings.flushEvery(),
                                        settings.handshakeTimeout(), http));
                    }
                });
        HostPort address = settings.address();
        ChannelFuture bind = bootstrap.bind(address.host(), address.port()).awaitUninterruptibly();
        if (!bind.isSuccess()) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            dispatcher.close();
            throw new MicroException(CallDispatcher.SERVER_ID, MicroException.INTERNAL,
                    "cannot bind " + address + ": " + bind.cause().getMessage(), bind.cause());
        }
        serverChannel = bind.channel();
        InetSocketAddress local = (InetSocketAddress) serverChannel.localAddress();
        boundAddress = new HostPort(local.getAddress().getHostAddress(), local.getPort()).toString();
        LOG.log(Level.INFO, "micro-cdi server listening on {0} ({1})", boundAddress, transport.name());
    }

    @Override
    public synchronized String address() {
        if (boundAddress == null) {
            throw new IllegalStateException("the server has not started");
        }
        return settings.advertise() != null ? settings.advertise() : boundAddress;
    }

    @Override
    public void serveHttp(Consumer<ChannelPipeline> installer) {
        http = installer;
    }

    @Override
    public Map<String, String> nodeMetadata() {
        return Map.of("protocol", "mucp", "server", "mucp", "transport", "netty", "wire", WIRE);
    }

    @Override
    public CompletionStage<Void> shutdown(Duration grace) {
        synchronized (this) {
            if (stopping) {
                return closed;
            }
            stopping = true;
            if (serverChannel == null) {
                dispatcher.close();
                closed.complete(null);
                return closed;
            }
            serverChannel.close();
        }
        CompletableFuture<Void> drained = dispatcher.drain();
        connections.writeAndFlush(ServerConnection.GOAWAY);
        drained.completeOnTimeout(null, grace.toNanos(), TimeUnit.NANOSECONDS)
                .whenComplete((v, t) -> closeNow());
        return closed;
    }

    private void closeNow() {
        connections.close().addListener(f -> {
            dispatcher.close();
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).addListener(g -> closed.complete(null));
        });
    }

    @Override
    public void close() {
        shutdown(Duration.ZERO).toCompletableFuture().completeOnTimeout(null, 5, TimeUnit.SECONDS).join();
    }
}
