package dev.microcdi.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microcdi.api.Blocking;
import dev.microcdi.api.NonBlocking;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The method, the contract method, the bean class and the contract interface decide, in this order. */
class BlockingMarksTest {

    interface Plain {
        CompletionStage<String> stage(String r);

        String sync(String r);

        Flow.Publisher<String> stream(String r);
    }

    @NonBlocking
    interface MarkedContract {
        CompletionStage<String> stage(String r);

        @Blocking
        String sync(String r);

        String other(String r);
    }

    abstract static class Unmarked implements Plain {
    }

    @Blocking
    abstract static class BlockingBean implements Plain, MarkedContract {
        @Override
        @NonBlocking
        public abstract String sync(String r);
    }

    private static Map<String, Boolean> blocking(Class<?> bean, Class<?> contract) {
        return Contracts.inspect(contract, new ArrayList<>()).values().stream().collect(Collectors.toMap(
                e -> e.method().getName(), e -> BlockingMarks.blocking(bean, e)));
    }

    @Test
    void withoutMarksOnlyAUnaryMethodReturningAStageIsNonBlocking() {
        assertThat(blocking(Unmarked.class, Plain.class))
                .isEqualTo(Map.of("stage", false, "sync", true, "stream", true));
    }

    @Test
    void theBeanMethodComesBeforeTheContractMethodWhichComesBeforeTheTypes() {
        assertThat(blocking(BlockingBean.class, Plain.class))
                .isEqualTo(Map.of("stage", true, "sync", false, "stream", true));
        assertThat(blocking(BlockingBean.class, MarkedContract.class))
                .isEqualTo(Map.of("stage", true, "sync", false, "other", true));
        assertThat(blocking(Unmarked.class, MarkedContract.class))
                .isEqualTo(Map.of("stage", false, "sync", true, "other", false));
    }

    @Test
    void everyElementMarkedBothWaysIsAProblem() {
        List<String> problems = new ArrayList<>();
        BlockingMarks.check(BothWays.class, List.of(Plain.class), problems);
        assertThat(problems).hasSize(2).allMatch(p -> p.endsWith("is marked both @Blocking and @NonBlocking"));
        assertThat(problems.get(0)).contains(BothWays.class.getName());
        assertThat(problems.get(1)).contains(BothWays.class.getName() + ".sync");
    }

    @Blocking
    @NonBlocking
    abstract static class BothWays implements Plain {
        @Override
        @Blocking
        @NonBlocking
        public abstract String sync(String r);
    }
}
