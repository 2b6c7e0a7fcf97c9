package dev.microcdi.tck.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microcdi.api.MicroException;
import dev.microcdi.api.registry.Endpoint;
import dev.microcdi.api.registry.Registry;
import dev.microcdi.api.registry.Service;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A {@code @MicroService} and a {@code @MicroClient} proxy in one container call each other over the wire. */
@ExtendWith(ArquillianExtension.class)
public class ServiceAndClientTest {

    /**
     * The archive under test.
     *
     * @return the archive
     */
    @Deployment
    public static JavaArchive deployment() {
        return Deployments.archive("service-and-client", Echo.class, Echo.Say.class, Echo.Said.class,
                EchoService.class, EchoCaller.class);
    }

    @Inject
    EchoCaller caller;

    @Inject
    Registry registry;

    @Test
    void proxyCallsTheServiceThroughTheRegistry() {
        assertThat(caller.echo().say(new Echo.Say("hi"))).isEqualTo(new Echo.Said("hi", "echo"));
    }

    @Test
    void asyncFormOfAnEndpointCompletesWithTheReply() throws Exception {
        Echo.Said said = caller.echo().sayAsync(new Echo.Say("later")).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(said.text()).isEqualTo("later");
    }

    @Test
    void handlerFailureArrivesAsMicroException500WithTheMessage() {
        assertThatThrownBy(() -> caller.echo().fail(new Echo.Say("no such order")))
                .isInstanceOfSatisfying(MicroException.class, e -> {
                    assertThat(e.code()).isEqualTo(500);
                    assertThat(e.detail()).isEqualTo("no such order");
                });
    }

    @Test
    void serviceIsRegisteredWithVersionMetadataAndEndpoints() {
        List<Service> found = registry.getService("echo");
        assertThat(found).hasSize(1);
        Service echo = found.get(0);
        assertThat(echo.version()).isEqualTo("1.2.3");
        assertThat(echo.metadata()).containsEntry("team", "tck");
        assertThat(echo.endpoints()).extracting(Endpoint::name)
                .containsExactlyInAnyOrder("Echo.Say", "Echo.Fail");
        assertThat(echo.endpoints()).filteredOn(e -> e.name().equals("Echo.Say")).first()
                .satisfies(e -> assertThat(e.metadata()).containsEntry("idempotent", "true"));
        assertThat(echo.nodes()).hasSize(1);
        assertThat(echo.nodes().get(0).metadata()).containsEntry("protocol", "mucp").containsEntry("version", "1.2.3");
    }

    @Test
    void proxyHonoursObjectMethodsLocally() {
        assertThat(caller.echo().toString()).contains("echo").contains(Echo.class.getName());
        assertThat(caller.echo()).isEqualTo(caller.echo());
    }
}
