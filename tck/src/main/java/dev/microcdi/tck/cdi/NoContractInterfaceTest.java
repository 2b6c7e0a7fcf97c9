package dev.microcdi.tck.cdi;

import jakarta.enterprise.inject.spi.DeploymentException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.ShouldThrowException;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A deployment that must fail with a {@link DeploymentException}. */
@ExtendWith(ArquillianExtension.class)
public class NoContractInterfaceTest {

    /**
     * The archive under test.
     *
     * @return the archive
     */
    @Deployment
    @ShouldThrowException(DeploymentException.class)
    public static JavaArchive deployment() {
        return Deployments.archive("NoContractInterface", Broken.NoContract.class);
    }

    @Test
    void deploymentFails() {
        // the expectation is on the deployment: Arquillian fails this test unless it threw DeploymentException
    }
}
