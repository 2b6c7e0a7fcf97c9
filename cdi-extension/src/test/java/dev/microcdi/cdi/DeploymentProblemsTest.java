package dev.microcdi.cdi;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microcdi.tck.cdi.Broken;
import dev.microcdi.tck.cdi.Echo;
import dev.microcdi.tck.cdi.EchoService;
import jakarta.enterprise.inject.spi.DeploymentException;
import org.jboss.weld.environment.se.Weld;
import org.junit.jupiter.api.Test;

/** Each broken service fails the deployment with a message naming the class and the reason. */
class DeploymentProblemsTest {

    private static Weld weld(Class<?>... classes) {
        return new Weld().disableDiscovery().addExtension(new MicroExtension()).addBeanClasses(classes);
    }

    @Test
    void serviceWithoutContractInterfaceFailsNamingTheClass() {
        assertThatThrownBy(() -> weld(Broken.NoContract.class).initialize().close())
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining(Broken.NoContract.class.getName())
                .hasMessageContaining("implements no contract interface");
    }

    @Test
    void endpointWithTwoParametersFailsNamingTheMethod() {
        assertThatThrownBy(() -> weld(Broken.TwoParametersService.class).initialize().close())
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining(Broken.TwoParameters.class.getName() + ".hello")
                .hasMessageContaining("takes exactly one parameter");
    }

    @Test
    void twoServicesWithOneNameFailNamingBoth() {
        assertThatThrownBy(() -> weld(EchoService.class, Broken.SecondEcho.class).initialize().close())
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining(EchoService.class.getName())
                .hasMessageContaining(Broken.SecondEcho.class.getName())
                .hasMessageContaining("both declare the service name 'echo'");
    }

    @Test
    void aMethodMarkedBothBlockingAndNonBlockingFailsNamingIt() {
        assertThatThrownBy(() -> weld(Broken.BothMarks.class).initialize().close())
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining(Broken.BothMarks.class.getName() + ".plain")
                .hasMessageContaining("is marked both @Blocking and @NonBlocking");
    }

    /** A bean injecting a client of a class rather than an interface. */
    public static class InjectsAClass {
        @jakarta.inject.Inject
        @dev.microcdi.api.MicroClient("echo")
        EchoService notAnInterface;
    }

    @Test
    void clientOfAClassFailsNamingTheInjectionPoint() {
        assertThatThrownBy(() -> weld(InjectsAClass.class, Echo.class).initialize().close())
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("notAnInterface")
                .hasMessageContaining("is not a contract interface");
    }

    /** Observes a topic with a generic type, which cannot be decoded. */
    public static class ObservesAGenericType {
        void onList(@jakarta.enterprise.event.Observes @dev.microcdi.api.Topic("orders")
                java.util.List<String> orders) {
        }
    }

    /** Observes a blank topic. */
    public static class ObservesABlankTopic {
        void onBlank(@jakarta.enterprise.event.Observes @dev.microcdi.api.Topic(" ") String message) {
        }
    }

    @Test
    void topicObserversOfAGenericTypeOrABlankTopicFailNamingTheMethod() {
        assertThatThrownBy(() -> weld(ObservesAGenericType.class).initialize().close())
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("onList")
                .hasMessageContaining("is generic");
        assertThatThrownBy(() -> weld(ObservesABlankTopic.class).initialize().close())
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("onBlank")
                .hasMessageContaining("the topic is blank");
    }
}
