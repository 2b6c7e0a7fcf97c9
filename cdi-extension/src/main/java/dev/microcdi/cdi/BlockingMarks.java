package dev.microcdi.cdi;

import dev.microcdi.api.Blocking;
import dev.microcdi.api.CallKind;
import dev.microcdi.api.NonBlocking;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides whether an endpoint method of a service bean may block: the first of the bean's method, the contract
 * method, the bean class and the contract interface that carries {@link Blocking} or {@link NonBlocking}
 * decides; without either, a unary method that returns a {@code CompletionStage} is non-blocking and every
 * other method blocking.
 */
final class BlockingMarks {
    private BlockingMarks() {
    }

    static boolean blocking(Class<?> beanClass, EndpointMethod endpoint) {
        Method contractMethod = endpoint.method();
        for (AnnotatedElement e : List.of(implementation(beanClass, contractMethod), contractMethod, beanClass,
                contractMethod.getDeclaringClass())) {
            if (e.isAnnotationPresent(Blocking.class)) {
                return true;
            }
            if (e.isAnnotationPresent(NonBlocking.class)) {
                return false;
            }
        }
        return !(endpoint.kind() == CallKind.UNARY && endpoint.async());
    }

    /** Adds a problem for each element that carries both marks. */
    static void check(Class<?> beanClass, List<Class<?>> contracts, List<String> problems) {
        Set<AnnotatedElement> elements = new LinkedHashSet<>();
        elements.add(beanClass);
        for (Class<?> contract : contracts) {
            elements.add(contract);
            for (Method m : contract.getMethods()) {
                elements.add(m);
                elements.add(implementation(beanClass, m));
            }
        }
        for (AnnotatedElement e : elements) {
            if (e.isAnnotationPresent(Blocking.class) && e.isAnnotationPresent(NonBlocking.class)) {
                problems.add(e + " is marked both @Blocking and @NonBlocking");
            }
        }
    }

    /** The bean's public method that implements the contract method (the contract method when none is found). */
    private static Method implementation(Class<?> beanClass, Method contractMethod) {
        try {
            return beanClass.getMethod(contractMethod.getName(), contractMethod.getParameterTypes());
        } catch (NoSuchMethodException e) {
            return contractMethod;
        }
    }
}
