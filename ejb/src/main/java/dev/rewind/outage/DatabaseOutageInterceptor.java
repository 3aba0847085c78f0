package dev.rewind.outage;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Waits for the database before the message is handled, and tells {@link DatabaseOutage} of every failure. */
@WaitsForDatabase
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class DatabaseOutageInterceptor {

    @Inject
    DatabaseOutage outage;

    @AroundInvoke
    Object guard(InvocationContext invocation) throws Exception {
        outage.awaitDatabase();
        try {
            return invocation.proceed();
        } catch (RuntimeException e) {
            outage.noteFailure(e);
            throw e;
        }
    }
}
