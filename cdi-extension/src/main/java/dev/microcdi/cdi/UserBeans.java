package dev.microcdi.cdi;

import java.util.List;
import java.util.Optional;

/** The application's own beans of an SPI type, which replace the defaults that the extension would make. */
interface UserBeans {

    /** The application's bean of a type, when it declares exactly one with the default qualifier. */
    <T> Optional<T> single(Class<T> type);

    /** Every bean of a type that the application declares. */
    <T> List<T> all(Class<T> type);

    /** No user beans: every component comes from its provider. */
    UserBeans NONE = new UserBeans() {
        @Override
        public <T> Optional<T> single(Class<T> type) {
            return Optional.empty();
        }

        @Override
        public <T> List<T> all(Class<T> type) {
            return List.of();
        }
    };
}
