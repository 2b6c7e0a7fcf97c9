package dev.microcdi.transport.wire;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.FastThreadLocalThread;

/**
 * The Netty I/O flavour of this process: epoll when its native library loads, else NIO.
 *
 * @param name {@code epoll} or {@code nio}
 * @param ioHandlers the event loop I/O handler factory
 * @param serverChannel the server socket channel class
 * @param channel the client socket channel class
 */
public record NettyTransport(String name, IoHandlerFactory ioHandlers, Class<? extends ServerChannel> serverChannel,
        Class<? extends SocketChannel> channel) {

    /**
     * Chooses the flavour.
     *
     * @param preferNative whether to use epoll when available ({@code micro.transport.native})
     * @return the transport
     */
    public static NettyTransport choose(boolean preferNative) {
        if (preferNative && Epoll.isAvailable()) {
            return new NettyTransport("epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class,
                    EpollSocketChannel.class);
        }
        return new NettyTransport("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class,
                NioSocketChannel.class);
    }

    /**
     * A new event loop group of daemon threads.
     *
     * @param threads the thread count, 0 for Netty's default
     * @param threadName the thread name prefix
     * @return the group, which the caller shuts down
     */
    public EventLoopGroup newGroup(int threads, String threadName) {
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(threadName, true) {
            @Override
            protected Thread newThread(Runnable r, String name) {
                return new LoopThread(threadGroup, r, name);
            }
        }, ioHandlers);
    }

    /**
     * Whether the calling thread is an event loop of a group made by {@link #newGroup}: code that blocks must not
     * run there.
     *
     * @return true on such a loop
     */
    public static boolean onEventLoop() {
        return Thread.currentThread() instanceof LoopThread;
    }

    /** The threads of the groups made here, told apart by their class. */
    private static final class LoopThread extends FastThreadLocalThread {
        LoopThread(ThreadGroup group, Runnable task, String name) {
            super(group, task, name);
        }
    }
}
