package dev.microcdi.cdi;

import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@link UserBeans} from the container: only for the SPI types the application declared beans of. */
final class BeanLookup implements UserBeans {
    private final BeanManager beanManager;
    private final Set<Class<?>> declared;

    BeanLookup(BeanManager beanManager, Set<Class<?>> declared) {
        this.beanManager = beanManager;
        this.declared = Set.copyOf(declared);
    }

    @Override
    public <T> Optional<T> single(Class<T> type) {
        if (!declared.contains(type)) {
            return Optional.empty();
        }
        Bean<?> bean = beanManager.resolve(beanManager.getBeans(type));
        return Optional.of(type.cast(beanManager.getReference(bean, type, beanManager.createCreationalContext(bean))));
    }

    @Override
    public <T> List<T> all(Class<T> type) {
        List<T> out = new ArrayList<>();
        if (!declared.contains(type)) {
            return out;
        }
        for (Bean<?> bean : beanManager.getBeans(type)) {
            if (bean.getBeanClass() != MicroExtension.class) {
                out.add(type.cast(beanManager.getReference(bean, type, beanManager.createCreationalContext(bean))));
            }
        }
        return out;
    }
}
