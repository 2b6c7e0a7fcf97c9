package dev.microcdi.transport.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeadlineQueueTest {
    private final EventLoop loop = new DefaultEventLoop();
    private final DeadlineQueue queue = new DeadlineQueue(loop);

    @AfterEach
    void stop() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static final class Call implements DeadlineQueue.Timed {
        final long deadline;
        volatile boolean done;
        final AtomicInteger expired = new AtomicInteger();
        final CountDownLatch expiredLatch = new CountDownLatch(1);

        Call(long inMillis) {
            deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(inMillis);
        }

        @Override
        public long deadline() {
            return deadline;
        }

        @Override
        public boolean isDone() {
            return done;
        }

        @Override
        public void expire() {
            expired.incrementAndGet();
            expiredLatch.countDown();
        }
    }

    private <T> T onLoop(Callable<T> task) throws Exception {
        return loop.submit(task).get(5, TimeUnit.SECONDS);
    }

    private boolean add(Call call) throws Exception {
        return onLoop(() -> {
            if (!queue.accepts(call.deadline)) {
                return false;
            }
            queue.add(call);
            return true;
        });
    }

    @Test
    void expiresEachCallThatIsNotOverWhenItsDeadlinePassesAndNoOther() throws Exception {
        Call first = new Call(100);
        Call over = new Call(150);
        Call last = new Call(200);
        assertThat(add(first)).isTrue();
        assertThat(add(over)).isTrue();
        assertThat(add(last)).isTrue();
        over.done = true;
        assertThat(first.expiredLatch.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(last.expiredLatch.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(System.nanoTime() - last.deadline).isNotNegative();
        assertThat(first.expired).hasValue(1);
        assertThat(last.expired).hasValue(1);
        assertThat(over.expired).hasValue(0);
        assertThat(onLoop(queue::size)).isZero();
    }

    @Test
    void refusesADeadlineEarlierThanTheLastQueued() throws Exception {
        assertThat(add(new Call(10_000))).isTrue();
        assertThat(add(new Call(5_000))).isFalse();
        assertThat(add(new Call(10_000))).isTrue();
    }

    @Test
    void aSlowCallAtTheHeadHoldsFewCallsThatAreOver() throws Exception {
        Call slow = new Call(60_000);
        add(slow);
        List<Call> live = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            Call c = new Call(60_000);
            add(c);
            if (i % 100 == 0) {
                live.add(c);
            } else {
                c.done = true;
            }
        }
        // one slow call and 100 live ones; without compaction all 10 001 would stay until the slow one ends
        assertThat(onLoop(queue::size)).isLessThan(2 * (live.size() + 1) + 64);
    }

    @Test
    void armsAgainForTheNextCallAfterTheHeadEndedEarly() throws Exception {
        Call head = new Call(50);
        Call next = new Call(300);
        add(head);
        add(next);
        head.done = true;
        assertThat(next.expiredLatch.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(head.expired).hasValue(0);
        Call later = new Call(50);
        add(later);
        assertThat(later.expiredLatch.await(5, TimeUnit.SECONDS)).isTrue();
    }
}
