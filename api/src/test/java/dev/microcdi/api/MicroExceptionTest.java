package dev.microcdi.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MicroExceptionTest {

    @Test
    void writesEveryFieldInGoOrder() {
        MicroException e = new MicroException("greeter", 500, "boom");

        assertThat(e.toJson())
                .isEqualTo("{\"id\":\"greeter\",\"code\":500,\"detail\":\"boom\",\"status\":\"Internal Server Error\"}");
    }

    @Test
    void leavesOutEmptyFieldsAsGoOmitemptyDoes() {
        assertThat(new MicroException("", 0, "").toJson()).isEqualTo("{}");
        assertThat(new MicroException(null, 0, "only detail").toJson()).isEqualTo("{\"detail\":\"only detail\"}");
        assertThat(new MicroException("svc", 0, null).toJson()).isEqualTo("{\"id\":\"svc\"}");
        assertThat(new MicroException("", 499, "").toJson()).isEqualTo("{\"code\":499}");
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        MicroException e = new MicroException("a\"b", 400, "line1\nline2\t\\end\r\u0001");

        assertThat(e.toJson()).isEqualTo("{\"id\":\"a\\\"b\",\"code\":400,"
                + "\"detail\":\"line1\\nline2\\t\\\\end\\r\\u0001\",\"status\":\"Bad Request\"}");
    }

    @Test
    void roundTripsThroughParse() {
        MicroException e = new MicroException("go.micro.client", 408, "call \"timeout\": deadline\n\u00e9\u0002");

        MicroException parsed = MicroException.parse(e.toJson());

        assertThat(parsed).isEqualTo(e);
        assertThat(parsed.id()).isEqualTo("go.micro.client");
        assertThat(parsed.code()).isEqualTo(408);
        assertThat(parsed.detail()).isEqualTo("call \"timeout\": deadline\n\u00e9\u0002");
        assertThat(parsed.status()).isEqualTo("Request Timeout");
    }

    @Test
    void parsesGoJsonWithSpacesUnicodeEscapesAndUnknownFields() {
        MicroException parsed = MicroException.parse(
                " { \"id\" : \"x\", \"extra\": true, \"n\": 1.5, \"code\": 404, \"detail\": \"caf\\u00e9\\/\","
                        + " \"status\": \"Not Found\" } ");

        assertThat(parsed.id()).isEqualTo("x");
        assertThat(parsed.code()).isEqualTo(404);
        assertThat(parsed.detail()).isEqualTo("café/");
        assertThat(parsed.status()).isEqualTo("Not Found");
    }

    @Test
    void keepsTheStatusTextSentOnTheWire() {
        assertThat(MicroException.parse("{\"code\":500,\"status\":\"custom\"}").status()).isEqualTo("custom");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rpc: can't find service greeter", "{\"id\":", "{\"code\":\"500\"}",
            "{\"id\":\"a\",}", "{\"id\":\"a\"} trailing", "{\"nested\":{\"a\":1}}", "{\"code\":99999999999}"})
    void readsTextThatIsNotAnErrorObjectAsCodeZeroWithTheTextAsDetail(String text) {
        MicroException parsed = MicroException.parse(text);

        assertThat(parsed.code()).isZero();
        assertThat(parsed.id()).isEmpty();
        assertThat(parsed.detail()).isEqualTo(text);
        assertThat(parsed.status()).isEmpty();
    }

    @Test
    void readsNullAsAnEmptyError() {
        MicroException parsed = MicroException.parse(null);

        assertThat(parsed.code()).isZero();
        assertThat(parsed.detail()).isEmpty();
        assertThat(parsed.toJson()).isEqualTo("{}");
    }

    @ParameterizedTest
    @CsvSource({"400,Bad Request", "401,Unauthorized", "403,Forbidden", "404,Not Found", "405,Method Not Allowed",
            "408,Request Timeout", "409,Conflict", "413,Request Entity Too Large", "415,Unsupported Media Type",
            "429,Too Many Requests", "500,Internal Server Error", "501,Not Implemented", "502,Bad Gateway",
            "503,Service Unavailable", "504,Gateway Timeout"})
    void statusIsTheHttpReasonPhraseOfTheCode(int code, String text) {
        assertThat(MicroException.statusText(code)).isEqualTo(text);
        assertThat(new MicroException("x", code, "d").status()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 200, 418, 599})
    void unknownCodesHaveAnEmptyStatus(int code) {
        assertThat(MicroException.statusText(code)).isEmpty();
    }

    @Test
    void messageIsTheJsonForm() {
        MicroException e = MicroException.notFound("store", "no key %s", "k1");

        assertThat(e.getMessage()).isEqualTo(e.toJson())
                .isEqualTo("{\"id\":\"store\",\"code\":404,\"detail\":\"no key k1\",\"status\":\"Not Found\"}");
    }

    @Test
    void factoriesSetTheirCodesAndFormatOnlyWithArguments() {
        assertThat(MicroException.badRequest("a", "x").code()).isEqualTo(400);
        assertThat(MicroException.timeout("a", "x").code()).isEqualTo(408);
        assertThat(MicroException.internal("a", "x").code()).isEqualTo(500);
        assertThat(MicroException.unavailable("a", "x").code()).isEqualTo(503);
        assertThat(MicroException.of("a", 409, "100% sure").detail()).isEqualTo("100% sure");
        assertThat(MicroException.of("a", 409, "%d%%", 5).detail()).isEqualTo("5%");
    }

    @Test
    void causeStaysLocalAndOffTheWire() {
        IllegalStateException cause = new IllegalStateException("secret internals");
        MicroException e = new MicroException("svc", 500, "failed", cause);

        assertThat(e.getCause()).isSameAs(cause);
        assertThat(e.toJson()).doesNotContain("secret internals");
        assertThat(e).isEqualTo(new MicroException("svc", 500, "failed"));
    }
}
