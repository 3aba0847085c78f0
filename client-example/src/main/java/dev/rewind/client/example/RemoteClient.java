package dev.rewind.client.example;

import dev.rewind.api.BulkKind;
import dev.rewind.api.BulkRequest;
import dev.rewind.api.EntryFilter;
import dev.rewind.api.EntryView;
import dev.rewind.api.JobView;
import dev.rewind.api.RewindRemote;
import dev.rewind.api.Status;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Properties;
import java.util.UUID;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Another application's view of Rewind: a remote EJB client with {@code rewind-api} and the WildFly EJB
 * client on its class path, nothing else.
 *
 * <pre>
 * REWIND_URL=remote+http://rewind-host:8080 REWIND_USER=operator REWIND_PASSWORD=... \
 *   java -cp ... dev.rewind.client.example.RemoteClient entry &lt;id&gt; replay &lt;id&gt; &lt;reason&gt; ...
 * </pre>
 *
 * Commands, run in order ({@code <queue>} is where a replay goes, {@code -} for the message's own queue):
 * <ul>
 * <li>{@code entry <id>}</li>
 * <li>{@code replay <id> <queue> <reason>}</li>
 * <li>{@code revoke <id> <reason>}</li>
 * <li>{@code replay-failed <error-text> <queue> <reason>}: a bulk replay of the FAILED entries whose last
 * error contains the text</li>
 * <li>{@code dry-run <error-text>}: how many entries that bulk replay would take</li>
 * <li>{@code job <id>}</li>
 * </ul>
 * Each prints one line: the command, {@code OK} and what it returned, or {@code REFUSED} and the exception.
 */
public final class RemoteClient {

    /** Rewind's remote interface in the server's JNDI tree (EAR rewind, EJB module rewind-ejb). */
    public static final String LOOKUP = "ejb:rewind/rewind-ejb/RewindService!" + RewindRemote.class.getName();

    private final RewindRemote rewind;

    RemoteClient(RewindRemote rewind) {
        this.rewind = rewind;
    }

    public static void main(String[] args) throws NamingException {
        Properties env = new Properties();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "org.wildfly.naming.client.WildFlyInitialContextFactory");
        env.put(Context.PROVIDER_URL, System.getenv().getOrDefault("REWIND_URL", "remote+http://localhost:8080"));
        env.put(Context.SECURITY_PRINCIPAL, System.getenv().getOrDefault("REWIND_USER", "operator"));
        env.put(Context.SECURITY_CREDENTIALS, System.getenv().getOrDefault("REWIND_PASSWORD", ""));
        Context context = new InitialContext(env);
        try {
            RemoteClient client = new RemoteClient((RewindRemote) context.lookup(LOOKUP));
            Deque<String> commands = new ArrayDeque<>(Arrays.asList(args));
            while (!commands.isEmpty()) {
                System.out.println(client.run(commands));
            }
        } finally {
            context.close();
        }
    }

    /** Runs the command at the head of {@code args} (taking its arguments) and says what happened. */
    String run(Deque<String> args) {
        String command = args.pop();
        try {
            return command + " OK " + switch (command) {
                case "entry" -> describe(rewind.entry(id(args)));
                case "replay" -> {
                    UUID id = id(args);
                    String queue = queue(args);
                    yield describe(rewind.replay(id, arg(args), queue, false));
                }
                case "revoke" -> describe(rewind.revoke(id(args), arg(args)));
                case "replay-failed" -> {
                    String errorText = arg(args);
                    String queue = queue(args);
                    yield describe(rewind.startBulk(failedReplay(errorText, queue, arg(args), false)));
                }
                case "dry-run" -> describe(rewind.startBulk(failedReplay(arg(args), null, "dry run", true)));
                case "job" -> describe(rewind.job(Long.parseLong(arg(args))));
                default -> throw new IllegalArgumentException("unknown command " + command);
            };
        } catch (RuntimeException refused) {
            // Rewind's exceptions arrive as thrown (they are application exceptions); anything else is the
            // container's (EJBAccessException for a missing role, EJBException for a server fault).
            return command + " REFUSED " + refused.getClass().getSimpleName() + ": " + refused.getMessage();
        }
    }

    private static BulkRequest failedReplay(String errorText, String queue, String reason, boolean dryRun) {
        EntryFilter failed = new EntryFilter(Status.FAILED, null, null, null, null, errorText);
        return new BulkRequest(BulkKind.REPLAY, failed, reason, false, queue, 0, 0, dryRun);
    }

    private static String describe(EntryView entry) {
        return entry.id() + " " + entry.status() + " replays=" + entry.replays() + " attempts=" + entry.attempts();
    }

    private static String describe(JobView job) {
        return (job.dryRun() ? "dry-run" : "job " + job.id()) + " " + job.state() + " total=" + job.total()
                + " done=" + job.done();
    }

    private static String queue(Deque<String> args) {
        String queue = arg(args);
        return queue.equals("-") ? null : queue;
    }

    private static UUID id(Deque<String> args) {
        return UUID.fromString(arg(args));
    }

    private static String arg(Deque<String> args) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("missing argument");
        }
        return args.pop();
    }
}
