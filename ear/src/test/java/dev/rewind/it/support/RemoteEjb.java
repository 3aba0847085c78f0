package dev.rewind.it.support;

import dev.rewind.api.RewindRemote;
import java.util.Properties;
import java.util.function.Function;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Calls on the test server's remote EJBs as another application makes them (WildFly's naming client over
 * remote+http, a demo user's credentials). Each call opens and closes its own context, so a call after a
 * restart of the server reaches the new one.
 */
public final class RemoteEjb {

    private static final String REWIND = "ejb:rewind/rewind-ejb/RewindService!" + RewindRemote.class.getName();
    private static final String SUPPORT = "ejb:rewind/rewind-ejb/TestSupport!" + TestSupportRemote.class.getName();

    private RemoteEjb() {
    }

    /** Rewind's remote interface, called as {@code user}. */
    public static <T> T rewind(String user, Function<RewindRemote, T> call) {
        return call(user, REWIND, RewindRemote.class, call);
    }

    /** The tests' own support bean (deployed with the tests), called as the operator. */
    public static <T> T support(Function<TestSupportRemote, T> call) {
        return call("operator", SUPPORT, TestSupportRemote.class, call);
    }

    private static <R, T> T call(String user, String name, Class<R> type, Function<R, T> call) {
        Properties env = new Properties();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "org.wildfly.naming.client.WildFlyInitialContextFactory");
        env.put(Context.PROVIDER_URL, "remote+http://localhost:" + (8080 + Http.OFFSET));
        env.put(Context.SECURITY_PRINCIPAL, user);
        env.put(Context.SECURITY_CREDENTIALS, Http.password(user));
        Context context;
        try {
            context = new InitialContext(env);
        } catch (NamingException e) {
            throw new IllegalStateException(e);
        }
        try {
            return call.apply(type.cast(context.lookup(name)));
        } catch (NamingException e) {
            throw new IllegalStateException(e);
        } finally {
            try {
                context.close();
            } catch (NamingException ignored) {
                // closing a client context: nothing to undo
            }
        }
    }
}
