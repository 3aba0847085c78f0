package dev.rewind.approval;

import dev.rewind.api.BulkKind;
import dev.rewind.api.BulkRequest;
import dev.rewind.api.Status;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Optional;

/**
 * Which requests need a second person's approval (docs/security.md, "Four eyes"). Read from MicroProfile Config:
 * system properties or the server's configuration, so an expression in standalone.xml sets them too.
 * Each method returns why a request needs approval, or empty when it does not.
 */
@ApplicationScoped
public class ApprovalPolicy {

    @Inject
    @ConfigProperty(name = "rewind.approval.bulk-over", defaultValue = "1000")
    long bulkOver;

    @Inject
    @ConfigProperty(name = "rewind.approval.forced-replay-types")
    Optional<String> forcedReplayTypes;

    @Inject
    @ConfigProperty(name = "rewind.approval.compensate-types")
    Optional<String> compensateTypes;

    @Inject
    @ConfigProperty(name = "rewind.approval.expiry", defaultValue = "PT24H")
    String expiry;

    /** The type lists, parsed once: a cascade asks for each of its up to 2,000 nodes. */
    private TypePatterns forcedReplayPatterns;
    private TypePatterns compensatePatterns;

    @PostConstruct
    void parse() {
        forcedReplayPatterns = TypePatterns.parse(forcedReplayTypes.orElse(""));
        compensatePatterns = TypePatterns.parse(compensateTypes.orElse(""));
    }

    /** A bulk job of {@code total} entries; a negative threshold turns the rule off. */
    public Optional<String> bulk(long total) {
        return bulkOver >= 0 && total > bulkOver
                ? Optional.of("a bulk job of " + total + " entries (rewind.approval.bulk-over is " + bulkOver + ")")
                : Optional.empty();
    }

    /**
     * A bulk job that would compensate (REVOKE) or force-replay (REPLAY with force) entries of listed types: when
     * its filter names a listed type, or names no type at all (it may reach any), unless its status rules out what
     * is guarded (a revoke of FAILED or PENDING entries only withdraws). So a bulk job is no way around the rule
     * for single requests.
     */
    public Optional<String> bulkTypes(BulkRequest request) {
        boolean revoke = request.kind() == BulkKind.REVOKE;
        if (!revoke && !(request.kind() == BulkKind.REPLAY && request.force())) {
            return Optional.empty();
        }
        Status status = request.filter().status();
        if (revoke && status != null && status != Status.PROCESSED && status != Status.REVOKE_FAILED) {
            return Optional.empty();
        }
        String property = revoke ? "rewind.approval.compensate-types" : "rewind.approval.forced-replay-types";
        TypePatterns patterns = revoke ? compensatePatterns : forcedReplayPatterns;
        String type = request.filter().type();
        if (patterns.isEmpty() || (type != null && !patterns.matches(type))) {
            return Optional.empty();
        }
        return Optional.of("a bulk " + (revoke ? "revoke" : "forced replay") + " of "
                + (type == null ? "entries of any type" : "'" + type + "'") + " (" + property + " is " + patterns + ")");
    }

    public Optional<String> forcedReplay(String type) {
        return forcedReplayPatterns.matches(type)
                ? Optional.of("a forced replay of '" + type + "' (rewind.approval.forced-replay-types is " + forcedReplayPatterns + ")")
                : Optional.empty();
    }

    public Optional<String> compensation(String type) {
        return compensatePatterns.matches(type)
                ? Optional.of("a compensation of '" + type + "' (rewind.approval.compensate-types is " + compensatePatterns + ")")
                : Optional.empty();
    }

    /** How long a request may wait for a decision. */
    public Duration expiry() {
        return Duration.parse(expiry);
    }
}
