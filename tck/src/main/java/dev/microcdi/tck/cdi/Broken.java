package dev.microcdi.tck.cdi;

import dev.microcdi.api.Blocking;
import dev.microcdi.api.MicroService;
import dev.microcdi.api.NonBlocking;
import jakarta.enterprise.context.ApplicationScoped;

/** Beans that must fail the deployment, one reason each. */
public final class Broken {
    private Broken() {
    }

    /** A service without a contract interface. */
    @ApplicationScoped
    @MicroService(name = "no-contract")
    public static class NoContract {
        /**
         * Not reachable: there is no interface.
         *
         * @param s anything
         * @return the same
         */
        public String hello(String s) {
            return s;
        }
    }

    /** A contract whose endpoint takes two parameters. */
    public interface TwoParameters {
        /**
         * Not an endpoint shape.
         *
         * @param a one
         * @param b two
         * @return anything
         */
        String hello(String a, String b);
    }

    /** A service implementing {@link TwoParameters}. */
    @ApplicationScoped
    @MicroService(name = "two-parameters")
    public static class TwoParametersService implements TwoParameters {
        @Override
        public String hello(String a, String b) {
            return a + b;
        }
    }

    /** A second service named {@code echo}, beside {@link EchoService}. */
    @ApplicationScoped
    @MicroService(name = "echo")
    public static class SecondEcho extends EchoService {
    }

    /** A service whose method is marked both blocking and non-blocking. */
    @ApplicationScoped
    @MicroService(name = "both-marks")
    public static class BothMarks extends ThreadsService {
        @Override
        @Blocking
        @NonBlocking
        public String plain(String ignored) {
            return ignored;
        }
    }
}
