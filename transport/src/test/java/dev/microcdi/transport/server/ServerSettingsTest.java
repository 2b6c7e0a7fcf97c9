package dev.microcdi.transport.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microcdi.api.MicroException;
import dev.microcdi.api.Settings;
import dev.microcdi.transport.client.ClientSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerSettingsTest {

    @Test
    void readsTheWorkerSpinAndRefusesOneOutsideItsBounds() {
        assertThat(ServerSettings.from(Settings.of(Map.of())).workerSpin()).isEqualTo(Duration.ofNanos(50_000));
        assertThat(ServerSettings.from(Settings.of(Map.of("micro.server.worker-spin", "0"))).workerSpin()).isZero();
        assertThatThrownBy(() -> ServerSettings.from(Settings.of(Map.of("micro.server.worker-spin", "20ms"))))
                .isInstanceOfSatisfying(MicroException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.detail()).contains("micro.server.worker-spin");
                });
    }

    @Test
    void readsFlushEveryOnBothSidesAndRefusesLessThanOne() {
        assertThat(ServerSettings.from(Settings.of(Map.of())).flushEvery()).isEqualTo(32);
        assertThat(ServerSettings.from(Settings.of(Map.of("micro.server.flush-every", "1"))).flushEvery()).isEqualTo(1);
        assertThat(ClientSettings.from(Settings.of(Map.of())).flushEvery()).isEqualTo(32);
        assertThat(ClientSettings.from(Settings.of(Map.of("micro.client.flush-every", "128"))).flushEvery())
                .isEqualTo(128);
        assertThatThrownBy(() -> ServerSettings.from(Settings.of(Map.of("micro.server.flush-every", "0"))))
                .isInstanceOfSatisfying(MicroException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.detail()).contains("micro.server.flush-every");
                });
        assertThatThrownBy(() -> ClientSettings.from(Settings.of(Map.of("micro.client.flush-every", "-3"))))
                .isInstanceOfSatisfying(MicroException.class, e -> assertThat(e.detail())
                        .contains("micro.client.flush-every"));
    }
}
