package dev.microcdi.api.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SyncRecordsTest {

    @Test
    void lockOptionsDefaultToA30SecondLockWaitedForUpTo10Seconds() {
        assertThat(LockOptions.DEFAULT.ttl()).isEqualTo(Duration.ofSeconds(30));
        assertThat(LockOptions.DEFAULT.maxWait()).isEqualTo(Duration.ofSeconds(10));
        assertThat(LockOptions.builder().build()).isEqualTo(LockOptions.DEFAULT);
        assertThat(LockOptions.builder().ttl(Duration.ofSeconds(1)).maxWait(Duration.ZERO).build())
                .isEqualTo(new LockOptions(Duration.ofSeconds(1), Duration.ZERO));
    }

    @Test
    void lockOptionsRejectANonPositiveTtlAndANegativeWait() {
        assertThatThrownBy(() -> LockOptions.builder().ttl(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LockOptions.builder().maxWait(Duration.ofMillis(-1)).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LockOptions.builder().maxWait(null).build())
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void leaderOptionsDefaultToA15SecondLease() {
        assertThat(LeaderOptions.DEFAULT.ttl()).isEqualTo(Duration.ofSeconds(15));
        assertThat(LeaderOptions.builder().ttl(Duration.ofSeconds(3)).build().ttl()).isEqualTo(Duration.ofSeconds(3));
        assertThatThrownBy(() -> LeaderOptions.builder().ttl(Duration.ofSeconds(-1)).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void closingALeadershipResigns() {
        AtomicInteger resigned = new AtomicInteger();
        Leadership leadership = new Leadership() {
            @Override
            public String id() {
                return "election";
            }

            @Override
            public boolean isLeader() {
                return resigned.get() == 0;
            }

            @Override
            public void resign() {
                resigned.incrementAndGet();
            }
        };

        try (leadership) {
            assertThat(leadership.isLeader()).isTrue();
        }

        assertThat(resigned).hasValue(1);
    }
}
