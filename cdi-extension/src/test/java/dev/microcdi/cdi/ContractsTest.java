package dev.microcdi.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

class ContractsTest {

    record Req(String a) {
    }

    record Rsp(String b) {
    }

    interface Greeter {
        Rsp hello(Req r);

        CompletionStage<Rsp> helloAsync(Req r);

        default Rsp local(Req r) {
            return hello(r);
        }
    }

    interface Mismatched {
        Rsp hello(Req r);

        CompletionStage<String> helloAsync(Req r);
    }

    interface Overloaded {
        Rsp hello(Req r);

        Rsp hello(Rsp r);
    }

    interface Other {
        Rsp other(Req r);
    }

    interface Shapes {
        void nothing(Req r);

        Rsp two(Req a, Req b);

        Flow.Publisher<Rsp> ticks(Req r);

        <T> T generic(T t);
    }

    @Test
    void endpointNameIsInterfaceDotCapitalisedMethodWithoutAsync() throws Exception {
        assertThat(Contracts.endpointName(Greeter.class, Greeter.class.getMethod("hello", Req.class)))
                .isEqualTo("Greeter.Hello");
        assertThat(Contracts.endpointName(Greeter.class, Greeter.class.getMethod("helloAsync", Req.class)))
                .isEqualTo("Greeter.Hello");
    }

    @Test
    void syncAndAsyncFormsShareOneEndpointAndTheServerUsesTheSyncForm() {
        List<String> problems = new ArrayList<>();
        Map<Method, EndpointMethod> endpoints = Contracts.inspect(Greeter.class, problems);
        assertThat(problems).isEmpty();
        assertThat(endpoints).hasSize(2);
        List<EndpointMethod> served = Contracts.serverEndpoints(endpoints);
        assertThat(served).singleElement().satisfies(e -> {
            assertThat(e.endpoint()).isEqualTo("Greeter.Hello");
            assertThat(e.async()).isFalse();
            assertThat(e.requestType()).isEqualTo(Req.class);
            assertThat(e.responseType()).isEqualTo(Rsp.class);
        });
    }

    @Test
    void asyncFormWithAnotherResponseTypeIsAProblem() {
        List<String> problems = new ArrayList<>();
        Contracts.inspect(Mismatched.class, problems);
        assertThat(problems).singleElement().asString().contains("Mismatched").contains("Greeter.Hello".replace(
                "Greeter", "Mismatched"));
    }

    @Test
    void overloadedMethodsAreAProblem() {
        List<String> problems = new ArrayList<>();
        Contracts.inspect(Overloaded.class, problems);
        assertThat(problems).singleElement().asString().contains("Overloaded.Hello");
    }

    @Test
    void eachUnsupportedShapeIsNamed() {
        List<String> problems = new ArrayList<>();
        Contracts.inspect(Shapes.class, problems);
        assertThat(problems).hasSize(4);
        assertThat(String.join("\n", problems)).contains("nothing: an endpoint method returns its response")
                .contains("two: an endpoint method takes exactly one parameter")
                .contains("ticks: streaming endpoints are not supported")
                .contains("generic: request and response types must be concrete");
    }

    @Test
    void contractsAreTheApplicationInterfacesOfTheClassAndItsSuperclasses() {
        class Base implements Greeter, java.io.Serializable {
            private static final long serialVersionUID = 1L;

            @Override
            public Rsp hello(Req r) {
                return null;
            }

            @Override
            public CompletionStage<Rsp> helloAsync(Req r) {
                return null;
            }
        }
        class Sub extends Base implements Other {
            private static final long serialVersionUID = 1L;

            @Override
            public Rsp other(Req r) {
                return null;
            }
        }
        assertThat(Contracts.contractsOf(Sub.class)).containsExactly(Other.class, Greeter.class);
    }
}
