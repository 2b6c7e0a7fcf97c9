package dev.microcdi.tck.cdi;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** A CDI interceptor on a service bean: journals each method it wraps. */
@Traced
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class TracedInterceptor {

    @Inject
    Journal journal;

    /**
     * Journals the method, then proceeds.
     *
     * @param context the invocation
     * @return the method's result
     * @throws Exception the method's failure
     */
    @AroundInvoke
    public Object trace(InvocationContext context) throws Exception {
        journal.add("cdi:" + context.getMethod().getName());
        return context.proceed();
    }
}
