package dev.microcdi.transport.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microcdi.api.MicroException;
import dev.microcdi.api.Settings;
import dev.microcdi.api.registry.Node;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OutlierDetectorTest {
    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong clock = new AtomicLong(123 * SECOND);
    private final Node a = new Node("a", "127.0.0.1:1001", Map.of());
    private final Node b = new Node("b", "127.0.0.1:1002", Map.of());
    private final List<Node> both = List.of(a, b);
    private final OutlierDetector detector = new OutlierDetector(new BalancingSettings(Duration.ofMillis(10),
            Duration.ofSeconds(1), 3, Duration.ofSeconds(5), Duration.ofSeconds(12)), clock::get);

    private void fail(Node n, int times) {
        for (int i = 0; i < times; i++) {
            detector.record(n, true);
        }
    }

    @Test
    void ejectsANodeAfterThreeFailuresInARow() {
        fail(a, 2);
        assertThat(detector.anyEjected()).isFalse();
        assertThat(detector.admitted(both)).containsExactly(a, b);
        fail(a, 1);
        assertThat(detector.anyEjected()).isTrue();
        assertThat(detector.admitted(both)).containsExactly(b);
    }

    @Test
    void anAnswerResetsTheCountOfFailures() {
        fail(a, 2);
        detector.record(a, false);
        fail(a, 2);
        assertThat(detector.isEjected(a.address())).isFalse();
    }

    @Test
    void probesTheNodeOnceWhenTheEjectionRunsOutAndReadmitsItWhenItAnswers() {
        fail(a, 3);
        clock.addAndGet(5 * SECOND - 1);
        assertThat(detector.claimProbe(both)).isNull();
        clock.addAndGet(1);
        assertThat(detector.claimProbe(both)).isEqualTo(a);
        assertThat(detector.claimProbe(both)).as("one probe at a time").isNull();
        assertThat(detector.admitted(both)).as("not selectable while probed").containsExactly(b);
        detector.record(a, false);
        assertThat(detector.anyEjected()).isFalse();
        assertThat(detector.admitted(both)).containsExactly(a, b);
    }

    @Test
    void aFailedProbeEjectsTheNodeForTwiceAsLongUpToTheCap() {
        fail(a, 3);
        clock.addAndGet(5 * SECOND);
        assertThat(detector.claimProbe(both)).isEqualTo(a);
        detector.record(a, true);
        clock.addAndGet(10 * SECOND - 1);
        assertThat(detector.claimProbe(both)).isNull();
        clock.addAndGet(1);
        assertThat(detector.claimProbe(both)).isEqualTo(a);
        detector.record(a, true);
        clock.addAndGet(12 * SECOND - 1);
        assertThat(detector.claimProbe(both)).as("capped at 12 s, not 20 s").isNull();
        clock.addAndGet(1);
        assertThat(detector.claimProbe(both)).isEqualTo(a);
    }

    @Test
    void aReadmittedNodeStartsAgainFromTheFirstEjectionTime() {
        fail(a, 3);
        clock.addAndGet(5 * SECOND);
        detector.claimProbe(both);
        detector.record(a, true);
        clock.addAndGet(10 * SECOND);
        detector.claimProbe(both);
        detector.record(a, false);
        fail(a, 3);
        clock.addAndGet(5 * SECOND);
        assertThat(detector.claimProbe(both)).isEqualTo(a);
    }

    @Test
    void failuresOfAttemptsStartedBeforeTheEjectionDoNotExtendIt() {
        fail(a, 3);
        fail(a, 30);
        clock.addAndGet(5 * SECOND);
        assertThat(detector.claimProbe(both)).isEqualTo(a);
    }

    @Test
    void keepsEveryNodeWhenAllAreEjected() {
        fail(a, 3);
        fail(b, 3);
        assertThat(detector.admitted(both)).containsExactly(a, b);
    }

    @Test
    void zeroFailuresDisablesEjection() {
        OutlierDetector off = new OutlierDetector(BalancingSettings.from(Settings.of(Map.of(
                "micro.client.ejection.consecutive-failures", "0"))), clock::get);
        for (int i = 0; i < 50; i++) {
            off.record(a, true);
        }
        assertThat(off.anyEjected()).isFalse();
    }

    @Test
    void backoffBoundsDoubleUpToTheCap() {
        BalancingSettings s = BalancingSettings.from(Settings.empty());
        assertThat(s).isEqualTo(BalancingSettings.DEFAULT);
        assertThat(s.backoffBoundNanos(1)).isEqualTo(Duration.ofMillis(10).toNanos());
        assertThat(s.backoffBoundNanos(2)).isEqualTo(Duration.ofMillis(20).toNanos());
        assertThat(s.backoffBoundNanos(7)).isEqualTo(Duration.ofMillis(640).toNanos());
        assertThat(s.backoffBoundNanos(8)).isEqualTo(Duration.ofSeconds(1).toNanos());
        assertThat(s.backoffBoundNanos(500)).isEqualTo(Duration.ofSeconds(1).toNanos());
        assertThat(s.ejectionNanos(1)).isEqualTo(5 * SECOND);
        assertThat(s.ejectionNanos(5)).isEqualTo(80 * SECOND);
        assertThat(s.ejectionNanos(6)).isEqualTo(120 * SECOND);
    }

    @Test
    void rejectsInvalidSettingsWith400() {
        assertThatThrownBy(() -> BalancingSettings.from(Settings.of(Map.of("micro.client.backoff.base", "2s"))))
                .isInstanceOfSatisfying(MicroException.class, e -> assertThat(e.code()).isEqualTo(400));
        assertThatThrownBy(() -> BalancingSettings.from(Settings.of(Map.of(
                "micro.client.ejection.consecutive-failures", "-1"))))
                .isInstanceOfSatisfying(MicroException.class, e -> assertThat(e.code()).isEqualTo(400));
        assertThatThrownBy(() -> BalancingSettings.from(Settings.of(Map.of("micro.client.ejection.time", "0s"))))
                .isInstanceOfSatisfying(MicroException.class, e -> assertThat(e.code()).isEqualTo(400));
    }
}
