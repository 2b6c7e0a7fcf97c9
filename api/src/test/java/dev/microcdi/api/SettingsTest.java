package dev.microcdi.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SettingsTest {
    private static final String KEY = "micro.client.timeout";

    private static Settings with(String value) {
        return Settings.of(Map.of(KEY, value));
    }

    @ParameterizedTest
    @CsvSource({"250ms,PT0.25S", "5s,PT5S", "2m,PT2M", "1h,PT1H", "PT5S,PT5S", "pt1m,PT1M", "1500,PT1.5S",
            "'  5s  ',PT5S", "0,PT0S", "10ns,PT0.00000001S", "7us,PT0.000007S"})
    void readsDurationsWithUnitsIsoFormAndPlainMilliseconds(String text, String iso) {
        assertThat(with(text).duration(KEY, Duration.ZERO)).isEqualTo(Duration.parse(iso));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5 parsecs", "abc", "1.5s", "ms", "-5s", "-PT5S", "PTX", "5-3",
            "99999999999999999999", "9223372036854775807h", "9223372036854775807us"})
    void rejectsInvalidOrNegativeDurationsWith400NamingTheKey(String text) {
        assertThatThrownBy(() -> with(text).duration(KEY, Duration.ZERO))
                .isInstanceOfSatisfying(MicroException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.id()).isEqualTo("micro.config");
                    assertThat(e.detail()).contains(KEY).contains(text.strip());
                });
    }

    @Test
    void missingOrBlankKeysGiveTheDefault() {
        Duration fallback = Duration.ofSeconds(3);

        assertThat(Settings.empty().duration(KEY, fallback)).isEqualTo(fallback);
        assertThat(with("   ").duration(KEY, fallback)).isEqualTo(fallback);
        assertThat(with(" ").integer(KEY, 7)).isEqualTo(7);
        assertThat(with("").bool(KEY, true)).isTrue();
        assertThat(Settings.empty().string(KEY, "d")).isEqualTo("d");
    }

    @Test
    void stringsAreStripped() {
        assertThat(with("  mdns ").string(KEY, "x")).isEqualTo("mdns");
    }

    @Test
    void readsIntegersAndRejectsOthersWith400() {
        assertThat(with(" 42 ").integer(KEY, 0)).isEqualTo(42);
        assertThat(with("-1").integer(KEY, 0)).isEqualTo(-1);
        assertThatThrownBy(() -> with("4x").integer(KEY, 0))
                .isInstanceOfSatisfying(MicroException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.detail()).contains(KEY).contains("4x").contains("integer");
                });
    }

    @ParameterizedTest
    @CsvSource({"true,true", "TRUE,true", "False,false", "false,false"})
    void readsBooleansIgnoringCase(String text, boolean expected) {
        assertThat(with(text).bool(KEY, !expected)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "1", "on", "t"})
    void rejectsOtherBooleanSpellingsWith400(String text) {
        assertThatThrownBy(() -> with(text).bool(KEY, false))
                .isInstanceOfSatisfying(MicroException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.detail()).contains(KEY).contains(text);
                });
    }

    @Test
    void readsCommaSeparatedListsWithoutBlankItems() {
        assertThat(with(" a, b ,, c ,").list(KEY)).containsExactly("a", "b", "c");
        assertThat(Settings.empty().list(KEY)).isEmpty();
    }

    @Test
    void orElseFallsBackForKeysNotSetHere() {
        Settings settings = Settings.of(Map.of("a", "1")).orElse(Settings.of(Map.of("a", "2", "b", "3")));

        assertThat(settings.integer("a", 0)).isEqualTo(1);
        assertThat(settings.integer("b", 0)).isEqualTo(3);
        assertThat(settings.get("c")).isEmpty();
    }

    @Test
    void mapSettingsAreCopied() {
        java.util.HashMap<String, String> values = new java.util.HashMap<>(Map.of("a", "1"));
        Settings settings = Settings.of(values);
        values.put("a", "2");

        assertThat(settings.integer("a", 0)).isEqualTo(1);
    }

    @Test
    void systemPropertiesAreReadAtEachLookup() {
        String key = "micro.test." + getClass().getName() + ".prop";
        Settings settings = Settings.systemProperties();
        try {
            assertThat(settings.get(key)).isEmpty();
            System.setProperty(key, "5s");
            assertThat(settings.duration(key, Duration.ZERO)).isEqualTo(Duration.ofSeconds(5));
        } finally {
            System.clearProperty(key);
        }
    }
}
