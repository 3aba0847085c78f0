package dev.rewind.client.example;

import dev.rewind.api.ApprovalState;
import dev.rewind.api.ApprovalView;
import dev.rewind.api.BulkKind;
import dev.rewind.api.BulkRequest;
import dev.rewind.api.EntryFilter;
import dev.rewind.api.EntryView;
import dev.rewind.api.JobView;
import dev.rewind.api.Lineage;
import dev.rewind.api.LineageNode;
import dev.rewind.api.RevokePlan;
import dev.rewind.api.RewindRemote;
import dev.rewind.api.Status;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Properties;
import java.util.StringJoiner;
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
 * <li>{@code lineage <id>}: the messages the message was caused by, and the tree of what it caused</li>
 * <li>{@code plan-revoke <id>}: what revoking it with everything it caused would do (a dry run)</li>
 * <li>{@code revoke-cascade <id> <reason>}: revokes it with everything it caused, deepest first</li>
 * <li>{@code approvals}: the requests waiting for an approver</li>
 * <li>{@code approve <approval-id> <reason>}, {@code reject <approval-id> <reason>}</li>
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
                case "lineage" -> describe(rewind.lineage(id(args)));
                case "plan-revoke" -> describe(rewind.planRevoke(id(args), true));
                case "revoke-cascade" -> {
                    UUID id = id(args);
                    yield describe(rewind.revokeCascade(id, arg(args)));
                }
                case "approvals" -> describe(rewind.approvals(ApprovalState.AWAITING_APPROVAL, 100));
                case "approve" -> {
                    long approval = Long.parseLong(arg(args));
                    yield describe(rewind.approve(approval, arg(args)));
                }
                case "reject" -> {
                    long approval = Long.parseLong(arg(args));
                    yield describe(rewind.reject(approval, arg(args)));
                }
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
        return entry.id() + " " + entry.status() + " replays=" + entry.replays() + " attempts=" + entry.attempts()
                + held(entry.pendingApproval());
    }

    private static String describe(JobView job) {
        return (job.dryRun() ? "dry-run" : "job " + job.id()) + " " + job.state() + " total=" + job.total()
                + " done=" + job.done() + held(job.approval());
    }

    /** The tree as {@code type:STATUS(child,child)}, after the id, how many causes lie above it and its size. */
    private static String describe(Lineage lineage) {
        return lineage.id() + " causes=" + lineage.causes().size() + " size=" + lineage.size() + " " + tree(lineage.entry());
    }

    private static String tree(LineageNode node) {
        StringJoiner children = new StringJoiner(",", "(", ")").setEmptyValue("");
        node.children().forEach(child -> children.add(tree(child)));
        return node.type() + ":" + node.status() + children;
    }

    /** The steps in the order they run, each {@code type:MODE}. */
    private static String describe(RevokePlan plan) {
        StringJoiner steps = new StringJoiner(",");
        plan.steps().forEach(step -> steps.add(step.type() + ":" + step.mode()));
        // A held cascade did nothing yet either (dryRun is true), but it is no dry run: it runs once approved.
        return (plan.dryRun() && plan.approval() == null ? "dry-run " : "") + plan.root() + " steps=" + plan.steps().size() + " " + steps
                + held(plan.approval());
    }

    private static String describe(List<ApprovalView> waiting) {
        StringJoiner out = new StringJoiner(" ");
        out.add(String.valueOf(waiting.size()));
        waiting.forEach(a -> out.add(a.id() + ":" + a.kind() + ":" + a.requestedBy()));
        return out.toString();
    }

    private static String describe(ApprovalView approval) {
        return "approval " + approval.id() + " " + approval.state() + " by=" + approval.decidedBy();
    }

    /** What a held request adds: the id of the approval it waits for. */
    private static String held(ApprovalView approval) {
        return approval == null ? "" : " awaiting-approval=" + approval.id();
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
