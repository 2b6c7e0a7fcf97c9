package dev.microcdi.tck.cdi;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;

/**
 * Builds the archives of the CDI tests. A runner adds the micro-cdi extension and its configuration to
 * every archive through an Arquillian {@code ApplicationArchiveProcessor}, so that the same tests run on
 * each container (Weld, OpenWebBeans, servers). Runners configure {@code micro.registry=memory}.
 */
public final class Deployments {
    private Deployments() {
    }

    /**
     * An archive with the given classes and a {@code beans.xml} discovering annotated beans.
     *
     * @param name the archive name
     * @param classes the classes
     * @return the archive
     */
    public static JavaArchive archive(String name, Class<?>... classes) {
        return ShrinkWrap.create(JavaArchive.class, name + ".jar").addClasses(classes)
                .addAsManifestResource(EmptyAsset.INSTANCE, "beans.xml");
    }
}
