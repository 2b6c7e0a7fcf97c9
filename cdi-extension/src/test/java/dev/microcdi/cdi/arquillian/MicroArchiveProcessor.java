package dev.microcdi.cdi.arquillian;

import dev.microcdi.cdi.MicroExtension;
import jakarta.enterprise.inject.spi.Extension;
import org.jboss.arquillian.container.test.spi.client.deployment.ApplicationArchiveProcessor;
import org.jboss.arquillian.test.spi.TestClass;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;

/** Adds the micro-cdi extension to every archive of the tck's CDI tests, as the runner on Weld. */
public class MicroArchiveProcessor implements ApplicationArchiveProcessor {
    @Override
    public void process(Archive<?> archive, TestClass testClass) {
        if (archive instanceof JavaArchive jar) {
            jar.addAsServiceProvider(Extension.class, MicroExtension.class);
        }
    }
}
