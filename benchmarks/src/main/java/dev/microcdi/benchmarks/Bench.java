package dev.microcdi.benchmarks;

import com.google.protobuf.BytesValue;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * The load generator. {@code server <system> <port>} serves until killed; {@code client <system>
 * <host:port> <seconds> <stream-count> <test>...} runs tests against one server and prints one
 * {@code result <test> <value>} line per test:
 * <ul>
 *   <li>{@code unary_tput_small}, {@code unary_tput_1k}: echo calls per second with 64 in flight;</li>
 *   <li>{@code unary_p50_small}, {@code unary_p99_small} (and {@code _1k}): latency in microseconds at 1 in
 *       flight;</li>
 *   <li>{@code stream_small}, {@code stream_1k}: server-stream messages per second, over streams of
 *       {@code <stream-count>} messages made one after the other for at least {@code <seconds>}.</li>
 * </ul>
 * Each test warms up for as long as it measures. Systems: {@code micro} and {@code grpc} (default executors),
 * {@code micro-direct} and {@code grpc-direct} (callbacks on the event loops on both sides), {@code raw}.
 */
public final class Bench {
    private static final int IN_FLIGHT = 64;

    private Bench() {
    }

    /**
     * Runs a server or a client.
     *
     * @param args see the class comment
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        if (args.length >= 3 && args[0].equals("server")) {
            int port = Integer.parseInt(args[2]);
            AutoCloseable server = switch (args[1]) {
                case "micro" -> MicroSide.server(port, false);
                case "micro-direct" -> MicroSide.server(port, true);
                case "grpc" -> GrpcSide.server(port, false);
                case "grpc-direct" -> GrpcSide.server(port, true);
                case "raw" -> RawSide.server(port);
                default -> throw new IllegalArgumentException("unknown system " + args[1]);
            };
            System.out.println("serving " + args[1] + " on " + port);
            new CountDownLatch(1).await();
            server.close();
            return;
        }
        if (args.length < 6 || !args[0].equals("client")) {
            System.err.println("usage: server <micro|grpc|grpc-direct|raw> <port> | client <system> <host:port> <seconds>"
                    + " <stream-count> <test>...");
            System.exit(2);
        }
        String host = args[2].substring(0, args[2].lastIndexOf(':'));
        int port = Integer.parseInt(args[2].substring(args[2].lastIndexOf(':') + 1));
        double seconds = Double.parseDouble(args[3]);
        long streamCount = Long.parseLong(args[4]);
        try (Target target = switch (args[1]) {
            case "micro" -> MicroSide.client(args[2], false);
            case "micro-direct" -> MicroSide.client(args[2], true);
            case "grpc" -> GrpcSide.client(host, port, false);
            case "grpc-direct" -> GrpcSide.client(host, port, true);
            case "raw" -> RawSide.client(host, port);
            default -> throw new IllegalArgumentException("unknown system " + args[1]);
        }) {
            for (int i = 5; i < args.length; i++) {
                run(target, args[i], seconds, streamCount, System.out);
            }
        }
    }

    private static void run(Target target, String test, double seconds, long streamCount, PrintStream out)
            throws Exception {
        int size = test.endsWith("_1k") ? Payloads.KIB : Payloads.SMALL;
        BytesValue message = Payloads.message(size);
        long nanos = (long) (seconds * 1e9);
        if (test.startsWith("unary_tput")) {
            throughput(target, message, nanos);
            measuring(out, test);
            out.printf("result %s %.0f%n", test, throughput(target, message, nanos));
        } else if (test.startsWith("unary_lat")) {
            latency(target, message, nanos);
            Histogram h = latency(target, message, nanos);
            String suffix = test.substring("unary_lat".length());
            out.printf("result unary_p50%s %.1f%n", suffix, h.getValueAtPercentile(50) / 1000.0);
            out.printf("result unary_p99%s %.1f%n", suffix, h.getValueAtPercentile(99) / 1000.0);
        } else if (test.startsWith("stream")) {
            streams(target, test, Math.max(1, streamCount / 2), size, nanos);
            measuring(out, test);
            out.printf("result %s %.0f%n", test, streams(target, test, streamCount, size, nanos));
        } else {
            throw new IllegalArgumentException("unknown test " + test);
        }
        out.flush();
    }

    /** Marks the end of a test's warm-up, for tools that watch the measured phase (benchmarks/cpu.sh). */
    private static void measuring(PrintStream out, String test) {
        out.println("measuring " + test);
        out.flush();
    }

    /** Calls per second with {@value #IN_FLIGHT} calls in flight, each completion starting the next. */
    private static double throughput(Target target, BytesValue message, long nanos) throws InterruptedException {
        AtomicLong completed = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch chains = new CountDownLatch(IN_FLIGHT);
        for (int i = 0; i < IN_FLIGHT; i++) {
            new Object() {
                void next() {
                    target.unary(message, t -> {
                        if (t != null) {
                            failure.compareAndSet(null, t);
                        }
                        completed.incrementAndGet();
                        if (stop.get() || t != null) {
                            chains.countDown();
                        } else {
                            next();
                        }
                    });
                }
            }.next();
        }
        long start = System.nanoTime();
        long before = completed.get();
        TimeUnit.NANOSECONDS.sleep(nanos);
        long after = completed.get();
        long end = System.nanoTime();
        stop.set(true);
        chains.await(30, TimeUnit.SECONDS);
        if (failure.get() != null) {
            throw new IllegalStateException("a call failed", failure.get());
        }
        return (after - before) / ((end - start) / 1e9);
    }

    /**
     * Messages per second of server streams of {@code count} messages each, made one after the other for at least
     * {@code nanos}: at least one stream, so that a slow system is measured over a whole stream, and as many as
     * fit, so that a fast one is not measured over a fraction of a second.
     */
    private static double streams(Target target, String test, long count, int size, long nanos) throws Exception {
        long start = System.nanoTime();
        long received = 0;
        do {
            long got = target.stream(count, size);
            if (got != count) {
                throw new IllegalStateException(test + ": received " + got + " of " + count);
            }
            received += got;
        } while (System.nanoTime() - start < nanos);
        return received / ((System.nanoTime() - start) / 1e9);
    }

    /** Latency of calls made one at a time, in nanoseconds. */
    private static Histogram latency(Target target, BytesValue message, long nanos) throws Exception {
        Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            long start = System.nanoTime();
            target.unaryBlocking(message);
            h.recordValue(System.nanoTime() - start);
        }
        return h;
    }
}
