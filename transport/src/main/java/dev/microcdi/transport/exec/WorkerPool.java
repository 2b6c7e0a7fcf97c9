package dev.microcdi.transport.exec;

import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A bounded pool of threads for work handed off by event loops (handlers on the server, answers on the
 * client), built to cost few thread wake-ups. A worker that runs out of tasks first polls for a short while
 * ("spins", {@code spinNanos}) before it parks, unless another worker spins already; while one worker spins, a new task wakes nobody, because the
 * spinning worker takes it. A worker that takes a task while more wait and none spins wakes one more worker, so
 * tasks behind a slow (blocking) one never wait for it while threads are left. With a steady stream of tasks
 * the hand-off is a queue operation, where a {@link java.util.concurrent.ThreadPoolExecutor} wakes a parked
 * thread through the kernel for almost every task.
 *
 * <p>Threads start on demand up to {@code maxThreads} and end after {@code keepAlive} without work. At most
 * {@code capacity} tasks wait; beyond that {@link #execute} throws {@link RejectedExecutionException}, as it
 * does after {@link #shutdown}. A task that throws is logged; its worker goes on. Thread-safe.
 */
public final class WorkerPool implements Executor {
    private static final System.Logger LOG = System.getLogger(WorkerPool.class.getName());
    private static final int PARKED = 0;
    private static final int WOKEN = 1;
    private static final int LEAVING = 2;

    private final String name;
    private final int maxThreads;
    private final int capacity;
    private final long keepAliveNanos;
    private final long spinNanos;
    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger threads = new AtomicInteger();
    private final AtomicInteger spinning = new AtomicInteger();
    private final AtomicInteger threadNumber = new AtomicInteger();
    private final ConcurrentLinkedDeque<Worker> parked = new ConcurrentLinkedDeque<>();
    private final Set<Thread> running = ConcurrentHashMap.newKeySet();
    private volatile boolean shutdown;

    /**
     * A pool with no thread yet.
     *
     * @param name the prefix of its threads' names
     * @param maxThreads the most threads, at least 1
     * @param capacity the most tasks waiting for a thread, at least 1
     * @param keepAliveNanos how long an idle thread lives
     * @param spinNanos how long an idle thread polls before it parks; 0 parks at once
     * @throws IllegalArgumentException when a bound is not positive
     */
    public WorkerPool(String name, int maxThreads, int capacity, long keepAliveNanos, long spinNanos) {
        if (maxThreads < 1 || capacity < 1 || keepAliveNanos <= 0 || spinNanos < 0) {
            throw new IllegalArgumentException("threads and capacity must be at least 1, keep-alive positive, spin"
                    + " not negative");
        }
        this.name = name;
        this.maxThreads = maxThreads;
        this.capacity = capacity;
        this.keepAliveNanos = keepAliveNanos;
        this.spinNanos = spinNanos;
    }

    /**
     * Queues a task for a worker.
     *
     * @throws RejectedExecutionException when {@code capacity} tasks already wait, or after {@link #shutdown}
     */
    @Override
    public void execute(Runnable task) {
        if (shutdown) {
            throw new RejectedExecutionException(name + " is shut down");
        }
        if (queued.incrementAndGet() > capacity) {
            queued.decrementAndGet();
            throw new RejectedExecutionException(name + " has " + capacity + " tasks waiting");
        }
        queue.offer(task);
        // read after the offer: a worker that stops spinning polls again after it stops counting as spinning
        if (spinning.get() == 0) {
            signal();
        }
    }

    /** Whether {@link #shutdown} was called. */
    public boolean isShutdown() {
        return shutdown;
    }

    /** Threads alive now; for monitoring and tests. */
    public int threads() {
        return threads.get();
    }

    /** Refuses new tasks; queued ones still run, then the threads end. */
    public void shutdown() {
        shutdown = true;
        Worker w;
        while ((w = parked.pollFirst()) != null) {
            w.wake();
        }
    }

    /** Refuses new tasks, drops the queued ones and interrupts the running ones. */
    public void shutdownNow() {
        shutdown();
        while (poll() != null) {
            // dropped: nobody will run them
        }
        for (Thread t : running) {
            t.interrupt();
        }
    }

    /**
     * Wakes a parked worker, or starts a thread when none is parked and the pool may grow. Either counts as
     * spinning from now on, so that the tasks queued before it runs wake nobody else: it takes one and, if more
     * wait, wakes the next worker itself.
     */
    private void signal() {
        Worker w;
        while ((w = parked.pollFirst()) != null) {
            if (w.wake()) {
                return;
            }
        }
        int n;
        do {
            n = threads.get();
            if (n >= maxThreads) {
                return;
            }
        } while (!threads.compareAndSet(n, n + 1));
        spinning.incrementAndGet();
        Thread t = new Thread(new Worker()::run, name + threadNumber.incrementAndGet());
        t.setDaemon(true);
        try {
            t.start();
        } catch (RuntimeException | Error e) {
            // the thread that never ran must not stay counted, or no signal would wake anybody again
            spinning.decrementAndGet();
            threads.decrementAndGet();
            throw e;
        }
    }

    /**
     * A worker ends: it stops counting, and when tasks still wait (queued just before a shutdown, or while it
     * looked parked) it hands them to another thread.
     */
    private Runnable leave() {
        threads.decrementAndGet();
        if (queued.get() > 0) {
            signal();
        }
        return null;
    }

    private Runnable poll() {
        Runnable task = queue.poll();
        if (task != null) {
            queued.decrementAndGet();
        }
        return task;
    }

    /** A task taken while more wait and nobody spins: one more worker joins in. */
    private Runnable took(Runnable task) {
        if (task != null && queued.get() > 0 && spinning.get() == 0) {
            signal();
        }
        return task;
    }

    /**
     * Polls for a task for up to {@code spinNanos} while counted as spinning, then stops counting and polls once
     * more: a task queued by a thread that still saw this one spinning is never left behind.
     */
    private Runnable spinCounted() {
        long end = System.nanoTime() + spinNanos;
        Runnable task = poll();
        while (task == null && System.nanoTime() - end < 0 && !shutdown) {
            // yield rather than burn: on a machine with few cores the event loops need the CPU meanwhile
            Thread.yield();
            task = poll();
        }
        spinning.decrementAndGet();
        return took(task != null ? task : poll());
    }

    private final class Worker {
        private final AtomicInteger state = new AtomicInteger(WOKEN);
        private Thread thread;

        /** Claims this parked worker for a signal: it counts as spinning from now on. */
        boolean wake() {
            spinning.incrementAndGet();
            if (state.compareAndSet(PARKED, WOKEN)) {
                LockSupport.unpark(thread);
                return true;
            }
            spinning.decrementAndGet();
            return false;
        }

        void run() {
            thread = Thread.currentThread();
            running.add(thread);
            try {
                // started by a signal, which counted this worker as spinning
                Runnable task = spinCounted();
                for (;;) {
                    if (task == null) {
                        // one spinner is enough to take the next task; more would take CPU from the event loops
                        task = spinNanos > 0 && spinning.compareAndSet(0, 1) ? spinCounted() : null;
                    }
                    if (task == null) {
                        task = park();
                        if (task == null) {
                            return;
                        }
                    }
                    try {
                        task.run();
                    } catch (Throwable t) {
                        LOG.log(Level.ERROR, "A task of " + name + " failed", t);
                    }
                    Thread.interrupted();
                    task = took(poll());
                }
            } finally {
                running.remove(thread);
            }
        }

        /** Parks until there is work; null when the thread ends (idle past its keep-alive, or shut down). */
        private Runnable park() {
            long deadline = System.nanoTime() + keepAliveNanos;
            for (;;) {
                state.set(PARKED);
                parked.addFirst(this);
                Runnable task = poll();
                if (task != null || shutdown) {
                    if (state.compareAndSet(PARKED, WOKEN)) {
                        parked.remove(this);
                    } else {
                        // a signal claimed this worker meanwhile and counted it as spinning
                        spinning.decrementAndGet();
                    }
                    if (task != null) {
                        return took(task);
                    }
                    return leave();
                }
                while (state.get() == PARKED) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        if (state.compareAndSet(PARKED, LEAVING)) {
                            parked.remove(this);
                            return leave();
                        }
                        break;
                    }
                    // an interrupt left over from a task would make every park return at once
                    Thread.interrupted();
                    LockSupport.parkNanos(this, Math.min(left, TimeUnit.SECONDS.toNanos(1)));
                }
                // woken by a signal, counted as spinning
                Runnable woken = spinCounted();
                if (woken != null) {
                    return woken;
                }
                if (shutdown) {
                    return leave();
                }
                deadline = System.nanoTime() + keepAliveNanos;
            }
        }
    }
}
