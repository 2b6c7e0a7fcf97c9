package dev.microcdi.example;

import dev.microcdi.api.MicroException;
import dev.microcdi.api.registry.Watcher;
import dev.microcdi.api.Publishers;
import dev.microcdi.cdi.MicroExtension;
import dev.microcdi.cdi.se.MicroMain;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.se.SeContainerInitializer;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The greeter's command line.
 *
 * <pre>
 * serve [--id NODE] [--events broker|stream]        run one greeter instance until SIGTERM; it also bills
 *                                                    the orders topic in group billing
 * call [--count N] [--concurrency C] [--min-nodes K] [--wait SECONDS]
 *                                                    call Greeter.Hello N times, C at a time
 * publish [--count N] [--events broker|stream] [--min-subscribers K] [--wait SECONDS]
 *                                                    publish N OrderPlaced events on orders
 * stream [--count N] [--wait SECONDS]                read N ticks of the server stream Greeter.Ticks
 * chat [--count N] [--wait SECONDS]                  send N greetings through the bidi stream Greeter.Chat
 * </pre>
 *
 * {@code call} prints {@code answered by <node-id>} per call, then
 * {@code calls=N ok=N failed=N p50_us=N p99_us=N}, then one line per node that had attempts,
 * {@code node=<id> ok=<n> failed_attempts=<n>} (attempts answered by the node, attempts that failed on it and
 * went on to another node), followed by {@code removed=true attempts_after_removal=<n>} for a node that the
 * registry removed during the run. {@code serve} prints {@code handled=<n>} (distinct orders) when it stops;
 * {@code publish} prints {@code published=<n>}. {@code stream} and {@code chat} print
 * {@code received=N elapsed_ms=T} at the end. Settings come from {@code -Dmicro.*} system properties
 * ({@code micro.broker}, {@code micro.stream}...).
 */
public final class GreeterCli {
    /** Publications of the publish command that may be in flight at once. */
    private static final int PUBLISH_WINDOW = 256;
    /** How many times in a row (5 ms apart, about a minute) a publication is retried while the outbox is full. */
    private static final int MAX_FULL_RETRIES = 12_000;
    private final PrintStream out;

    private GreeterCli(PrintStream out) {
        this.out = out;
    }

    /**
     * Runs a subcommand.
     *
     * @param args the subcommand and its options
     * @throws Exception when the command fails
     */
    public static void main(String[] args) throws Exception {
        int status = new GreeterCli(System.out).run(args);
        if (status != 0) {
            System.exit(status);
        }
    }

    private int run(String[] args) throws Exception {
        if (args.length == 0) {
            return usage("no subcommand");
        }
        try {
            Options options = Options.parse(Arrays.copyOfRange(args, 1, args.length));
            return switch (args[0]) {
                case "serve" -> serve(options);
                case "call" -> call(options);
                case "publish" -> publish(options);
                case "stream", "chat" -> stream(args[0], options);
                default -> usage("unknown subcommand " + args[0]);
            };
        } catch (UsageError e) {
            return usage(e.getMessage());
        }
    }

    private int usage(String problem) {
        System.err.println("greeter: " + problem);
        System.err.println("usage: greeter serve [--id NODE] [--events broker|stream]");
        System.err.println("       greeter call [--count N] [--concurrency C] [--min-nodes K] [--wait SECONDS]");
        System.err.println("       greeter publish [--count N] [--events broker|stream] [--min-subscribers K]"
                + " [--wait SECONDS]");
        System.err.println("       greeter stream [--count N] [--wait SECONDS]");
        System.err.println("       greeter chat [--count N] [--wait SECONDS]");
        return 2;
    }

    private int serve(Options options) throws InterruptedException {
        options.value("id").ifPresent(id -> System.setProperty("micro.server.id", id));
        CountDownLatch stopped = new CountDownLatch(1);
        Class<?> billing = onStream(options) ? StreamBilling.class : Billing.class;
        SeContainer container = MicroMain.start(stopped, SeContainerInitializer.newInstance().disableDiscovery()
                .addExtensions(new MicroExtension()).addBeanClasses(GreeterService.class, Handled.class, billing));
        out.println("serving greeter as node " + container.select(dev.microcdi.cdi.ServerInfo.class).get()
                .nodeId("greeter"));
        stopped.await();
        return 0;
    }

    private static boolean onStream(Options options) {
        String events = options.value("events").orElse("broker");
        if (!events.equals("broker") && !events.equals("stream")) {
            throw new UsageError("--events takes broker or stream, got " + events);
        }
        return events.equals("stream");
    }

    private int publish(Options options) throws Exception {
        int count = options.integer("count", 1);
        boolean stream = onStream(options);
        int minSubscribers = options.integer("min-subscribers", 0);
        long waitSeconds = options.integer("wait", 30);
        String run = Long.toString(System.currentTimeMillis(), 36);
        try (SeContainer container = SeContainerInitializer.newInstance().disableDiscovery()
                .addExtensions(new MicroExtension()).addBeanClasses(OrderDesk.class).initialize()) {
            OrderDesk desk = container.select(OrderDesk.class).get();
            long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(waitSeconds);
            while (desk.httpSubscribers() < minSubscribers && System.nanoTime() < waitUntil) {
                Thread.sleep(50);
            }
            if (desk.httpSubscribers() < minSubscribers) {
                System.err.println("greeter: found " + desk.httpSubscribers() + " subscriber(s) of orders in "
                        + waitSeconds + " s, wanted " + minSubscribers);
                return 1;
            }
            var publisher = desk.publisher(stream);
            long start = System.nanoTime();
            int retried = 0;
            java.util.concurrent.Semaphore window = new java.util.concurrent.Semaphore(PUBLISH_WINDOW);
            var failed = new java.util.concurrent.atomic.AtomicReference<Throwable>();
            for (int i = 0; i < count && failed.get() == null; i++) {
                OrderPlaced order = new OrderPlaced(run + "-" + i, 100 + i);
                int inARow = 0;
                while (true) {
                    window.acquire();
                    var published = publisher.publish(order).toCompletableFuture();
                    if (outboxFull(published)) {
                        window.release();
                        retried++;
                        if (++inARow > MAX_FULL_RETRIES) {
                            System.err.println("greeter: the outbox stayed full for a minute; are the subscribers up?");
                            return 1;
                        }
                        Thread.sleep(5);
                        continue;
                    }
                    published.whenComplete((v, t) -> {
                        window.release();
                        if (t != null) {
                            failed.compareAndSet(null, t);
                        }
                    });
                    break;
                }
            }
            window.acquire(PUBLISH_WINDOW);
            if (failed.get() != null) {
                System.err.println("greeter: publishing failed: " + failed.get());
                return 1;
            }
            long micros = Math.max(1, (System.nanoTime() - start) / 1000);
            out.printf("published=%d retried_after_503=%d rate_per_s=%d%n", count, retried,
                    count * 1_000_000L / micros);
        }
        return 0;
    }

    /** True when a publication failed at once because the broker's outbox was full (503): publish it again. */
    private static boolean outboxFull(java.util.concurrent.CompletableFuture<Void> published) {
        if (!published.isCompletedExceptionally()) {
            return false;
        }
        try {
            published.join();
            return false;
        } catch (java.util.concurrent.CompletionException e) {
            return e.getCause() instanceof MicroException m && m.code() == MicroException.UNAVAILABLE
                    && m.detail().contains("outbox is full");
        }
    }

    private int call(Options options) throws Exception {
        int count = options.integer("count", 1);
        int concurrency = options.integer("concurrency", 1);
        try (SeContainer container = SeContainerInitializer.newInstance().disableDiscovery()
                .addExtensions(new MicroExtension()).addBeanClasses(GreeterCaller.class, NodeTally.class).initialize()) {
            GreeterCaller caller = awaitNodes(container, options);
            NodeTally tally = container.select(NodeTally.class).get();
            try (Watcher watch = caller.watch(tally::registryChanged)) {
                int status = runCalls(caller.greeter(), count, concurrency);
                tally.summary().forEach(out::println);
                return status;
            }
        }
    }

    /** The caller, once the registry knows {@code --min-nodes} greeter nodes or {@code --wait} passed. */
    private static GreeterCaller awaitNodes(SeContainer container, Options options) throws InterruptedException {
        int minNodes = options.integer("min-nodes", 1);
        long waitSeconds = options.integer("wait", 30);
        GreeterCaller caller = container.select(GreeterCaller.class).get();
        long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(waitSeconds);
        while (caller.knownNodes() < minNodes && System.nanoTime() < waitUntil) {
            Thread.sleep(50);
        }
        if (caller.knownNodes() < minNodes) {
            System.err.println("greeter: found " + caller.knownNodes() + " greeter node(s) in " + waitSeconds
                    + " s, wanted " + minNodes);
        }
        return caller;
    }

    private int stream(String command, Options options) throws Exception {
        int count = options.integer("count", 1000);
        try (SeContainer container = SeContainerInitializer.newInstance().disableDiscovery()
                .addExtensions(new MicroExtension()).addBeanClasses(GreeterCaller.class).initialize()) {
            Greeter greeter = awaitNodes(container, options).greeter();
            long start = System.nanoTime();
            Flow.Publisher<?> replies = command.equals("stream") ? greeter.ticks(new TickRequest(count))
                    : greeter.chat(Publishers.generate(count, i -> new HelloRequest("n" + i)));
            long received;
            try {
                received = Publishers.count(replies).toCompletableFuture().get();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                System.err.println("greeter: " + command + " failed: "
                        + (cause instanceof MicroException me ? me.toJson() : cause));
                return 1;
            }
            out.printf("received=%d elapsed_ms=%d%n", received,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            return received == count ? 0 : 1;
        }
    }

    private int runCalls(Greeter greeter, int count, int concurrency) throws InterruptedException {
        long[] micros = new long[count];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        for (int t = 0; t < concurrency; t++) {
            pool.execute(() -> {
                int i;
                while ((i = next.getAndIncrement()) < count) {
                    long start = System.nanoTime();
                    try {
                        HelloReply reply = greeter.hello(new HelloRequest("world"));
                        micros[i] = (System.nanoTime() - start) / 1000;
                        ok.incrementAndGet();
                        out.println("answered by " + reply.node());
                    } catch (MicroException e) {
                        micros[i] = (System.nanoTime() - start) / 1000;
                        failed.incrementAndGet();
                        out.println("failed: " + e.toJson());
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.DAYS);
        long[] sorted = micros.clone();
        Arrays.sort(sorted);
        out.printf("calls=%d ok=%d failed=%d p50_us=%d p99_us=%d%n", count, ok.get(), failed.get(),
                percentile(sorted, 50), percentile(sorted, 99));
        return failed.get() == 0 ? 0 : 1;
    }

    private static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** A command line that does not parse. */
    private static final class UsageError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageError(String message) {
            super(message);
        }
    }

    /** {@code --name value} options. */
    private record Options(Map<String, String> values) {
        static Options parse(String[] args) {
            Map<String, String> values = new java.util.HashMap<>();
            List<String> rest = new ArrayList<>(Arrays.asList(args));
            while (!rest.isEmpty()) {
                String flag = rest.remove(0);
                if (!flag.startsWith("--") || rest.isEmpty()) {
                    throw new UsageError("expected --option value, got " + flag);
                }
                values.put(flag.substring(2), rest.remove(0));
            }
            return new Options(values);
        }

        java.util.Optional<String> value(String name) {
            return java.util.Optional.ofNullable(values.get(name));
        }

        int integer(String name, int defaultValue) {
            String v = values.get(name);
            if (v == null) {
                return defaultValue;
            }
            int n;
            try {
                n = Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new UsageError("--" + name + " takes a number, got " + v);
            }
            if (n < 0) {
                throw new UsageError("--" + name + " must not be negative");
            }
            return n;
        }
    }
}
