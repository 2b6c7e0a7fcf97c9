package dev.microcdi.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microcdi.api.CallKind;
import dev.microcdi.api.client.Reply;
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

        java.util.stream.Stream<Rsp> ticks(Req r);

        <T> T generic(T t);

        Rsp upload(Flow.Publisher<Req> requests);

        CompletionStage<Flow.Publisher<Rsp>> nested(Req r);

        Flow.Publisher<?> wild(Req r);

        java.util.concurrent.SubmissionPublisher<Rsp> concrete(Req r);
    }

    interface Streams {
        Flow.Publisher<Rsp> ticks(Req r);

        CompletionStage<Rsp> upload(Flow.Publisher<Req> requests);

        Flow.Publisher<Rsp> chat(Flow.Publisher<Req> requests);
    }

    interface Replies {
        Rsp hello(Req r);

        CompletionStage<Reply<Rsp>> helloAsync(Req r);

        Reply<Rsp> other(Req r);
    }

    interface BadReplies {
        @SuppressWarnings("rawtypes")
        Reply raw(Req r);

        Flow.Publisher<Reply<Rsp>> ticks(Req r);

        CompletionStage<Reply<Rsp>> upload(Flow.Publisher<Req> requests);
    }

    @Test
    void aReplyReturnTypeIsTheSameEndpointAsItsValueType() {
        List<String> problems = new ArrayList<>();
        Map<Method, EndpointMethod> endpoints = Contracts.inspect(Replies.class, problems);
        assertThat(problems).isEmpty();
        assertThat(endpoints.values()).extracting(EndpointMethod::endpoint, EndpointMethod::responseType,
                EndpointMethod::async, EndpointMethod::reply, EndpointMethod::kind).containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("Replies.Hello", Rsp.class, false, false, CallKind.UNARY),
                        org.assertj.core.groups.Tuple.tuple("Replies.Hello", Rsp.class, true, true, CallKind.UNARY),
                        org.assertj.core.groups.Tuple.tuple("Replies.Other", Rsp.class, false, true, CallKind.UNARY));
        assertThat(Contracts.serverEndpoints(endpoints)).extracting(EndpointMethod::endpoint)
                .containsExactlyInAnyOrder("Replies.Hello", "Replies.Other");
    }

    @Test
    void aReplyOfAStreamOrWithoutATypeArgumentIsAProblem() {
        List<String> problems = new ArrayList<>();
        Contracts.inspect(BadReplies.class, problems);
        assertThat(problems).hasSize(3);
        assertThat(String.join("\n", problems)).contains("raw: a Reply return type needs a concrete type argument")
                .contains("ticks: a response stream carries its metadata in ResponseMetadata")
                .contains("upload: a client stream carries its response metadata in ResponseMetadata");
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
        assertThat(problems).hasSize(8);
        assertThat(String.join("\n", problems)).contains("nothing: an endpoint method returns its response")
                .contains("two: an endpoint method takes exactly one parameter")
                .contains("ticks: java.util.stream.Stream is not a streaming type")
                .contains("generic: request and response types must be concrete")
                .contains("upload: a request stream is answered with CompletionStage<R>")
                .contains("nested: return Flow.Publisher<R> for a response stream")
                .contains("wild: a Publisher return type needs a concrete type argument")
                .contains("concrete: a response stream is declared as Flow.Publisher<R>");
    }

    @Test
    void streamingShapesMapToTheirKinds() {
        List<String> problems = new ArrayList<>();
        Map<Method, EndpointMethod> endpoints = Contracts.inspect(Streams.class, problems);
        assertThat(problems).isEmpty();
        assertThat(endpoints.values()).extracting(EndpointMethod::endpoint, EndpointMethod::kind,
                EndpointMethod::requestType, EndpointMethod::responseType).containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("Streams.Ticks", CallKind.SERVER_STREAM, Req.class, Rsp.class),
                        org.assertj.core.groups.Tuple.tuple("Streams.Upload", CallKind.CLIENT_STREAM, Req.class, Rsp.class),
                        org.assertj.core.groups.Tuple.tuple("Streams.Chat", CallKind.BIDI_STREAM, Req.class, Rsp.class));
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
