package dev.rewind.bench;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonWriter;
import jakarta.json.stream.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark's results: one JSON object per scenario (parameters, baseline and Rewind's figure
 * with median and spread, their ratio, the target and whether it is met), and the same as a
 * Markdown table for docs/benchmarks.md. Written to the folder named by rewind.bench.results.
 */
final class Results {

    private final JsonObject machine;
    private final JsonArrayBuilder scenarios = Json.createArrayBuilder();
    private final StringBuilder table = new StringBuilder(
            "| scenario | baseline | Rewind | ratio | target |\n|---|---|---|---|---|\n");
    private final Map<String, Summary> rewindFigures = new HashMap<>();

    Results(JsonObject machine) {
        this.machine = machine;
    }

    /** The database the figures ran on, as its product names itself (PostgreSQL, H2). */
    String database() {
        return machine.getString("database").split(" ")[0];
    }

    /** Throughputs: Rewind / baseline, higher is better. */
    void ratio(String scenario, String what, Map<String, Object> parameters, String baselineName, Summary baseline,
               String rewindName, Summary rewind, String target, double minimum) {
        double ratio = rewind.median() / baseline.median();
        rewindFigures.put(scenario, rewind);
        add(scenario, what, parameters, baselineName, baseline, rewindName, rewind, ratio, target, ratio >= minimum);
        row(scenario, baselineName, baseline, rewind, ratio, target, ratio >= minimum);
    }

    /** The broker's raw ceiling, against Rewind's figure of another scenario. */
    void ceiling(String scenario, String what, Map<String, Object> parameters, Summary ceiling, String rewindScenario) {
        Summary rewind = rewindFigures.get(rewindScenario);
        double ratio = rewind.median() / ceiling.median();
        add(scenario, what, parameters, "plain JMS consumers", ceiling, "Rewind's MDB (" + rewindScenario + ")", rewind,
                ratio, "none (context)", true);
        row(scenario, "plain JMS consumers", ceiling, rewind, ratio, "none (context)", true);
    }

    /** Latencies in ms: p50 and p99 of each, the target on Rewind's p50. */
    void latency(String scenario, String what, Map<String, Object> parameters, String baselineName,
                 List<Double> baseline, String rewindName, List<Double> rewind, double targetP50Ms) {
        latency(scenario, what, parameters, baselineName, baseline, rewindName, rewind,
                String.format(Locale.ROOT, "p50 <= %.0f ms", targetP50Ms), Summary.percentile(rewind, 50) <= targetP50Ms);
    }

    /**
     * Latencies in ms: p50 and p99 of each and the ratio of the medians; {@code met} is null when
     * the scenario has no target here.
     */
    void latency(String scenario, String what, Map<String, Object> parameters, String baselineName,
                 List<Double> baseline, String rewindName, List<Double> rewind, String target, Boolean met) {
        double baseP50 = Summary.percentile(baseline, 50);
        double baseP99 = Summary.percentile(baseline, 99);
        double p50 = Summary.percentile(rewind, 50);
        double p99 = Summary.percentile(rewind, 99);
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("scenario", scenario).add("what", what).add("parameters", parameters(parameters))
                .add("baseline", Json.createObjectBuilder().add("name", baselineName).add("unit", "ms")
                        .add("samples", baseline.size()).add("p50", Summary.round(baseP50)).add("p99", Summary.round(baseP99)))
                .add("rewind", Json.createObjectBuilder().add("name", rewindName).add("unit", "ms")
                        .add("samples", rewind.size()).add("p50", Summary.round(p50)).add("p99", Summary.round(p99)))
                .add("ratio", Summary.round(p50 / baseP50))
                .add("target", target);
        scenarios.add(met == null ? json.addNull("met") : json.add("met", met));
        table.append(String.format(Locale.ROOT, "| %s | %s: p50 %.1f ms, p99 %.1f ms | p50 %.1f ms, p99 %.1f ms | %.2f | %s%s |%n",
                scenario, baselineName, baseP50, baseP99, p50, p99, p50 / baseP50, target,
                met == null ? "" : met ? ": met" : ": missed"));
    }

    /** The disk's sync rate, and messages per sync of the ledger-overhead figures. */
    void physicalLimit(double fsyncPerSecond) {
        Summary rewind = rewindFigures.get("ledger-overhead");
        JsonObjectBuilder limit = Json.createObjectBuilder().add("scenario", "physical-limit")
                .add("what", "the disk's fdatasync rate (pg_test_fsync, 8 kB writes) and Rewind's messages per fsync");
        if (fsyncPerSecond > 0) {
            double perSync = rewind.median() / fsyncPerSecond;
            limit.add("fsyncPerSecond", Summary.round(fsyncPerSecond)).add("rewindMessagesPerFsync", Summary.round(perSync));
            table.append(String.format(Locale.ROOT, "| physical-limit | fdatasync: %.0f/s | %.2f messages per fsync | | context |%n",
                    fsyncPerSecond, perSync));
        } else {
            limit.add("fsyncPerSecond", "not measured: pg_test_fsync not found");
        }
        scenarios.add(limit);
    }

    void write() throws IOException {
        JsonObject results = Json.createObjectBuilder().add("date", Instant.now().toString()).add("machine", machine)
                .add("scenarios", scenarios).build();
        StringWriter json = new StringWriter();
        try (JsonWriter writer = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(json)) {
            writer.write(results);
        }
        Path folder = Path.of(System.getProperty("rewind.bench.results", "/tmp/rewind-bench"));
        Files.createDirectories(folder);
        // One file pair per database: bench/run runs on H2 and on PostgreSQL and joins them.
        String name = "results-" + database().toLowerCase(Locale.ROOT);
        Files.writeString(folder.resolve(name + ".json"), json.toString());
        Files.writeString(folder.resolve(name + ".md"), table.toString());
        System.out.println("Rewind benchmark results (" + folder + "):\n" + table);
    }

    private void add(String scenario, String what, Map<String, Object> parameters, String baselineName, Summary baseline,
                     String rewindName, Summary rewind, double ratio, String target, boolean met) {
        scenarios.add(Json.createObjectBuilder()
                .add("scenario", scenario).add("what", what).add("parameters", parameters(parameters))
                .add("baseline", baseline.json().add("name", baselineName))
                .add("rewind", rewind.json().add("name", rewindName))
                .add("ratio", Summary.round(ratio)).add("target", target).add("met", met));
    }

    private void row(String scenario, String baselineName, Summary baseline, Summary rewind, double ratio,
                     String target, boolean met) {
        table.append(String.format(Locale.ROOT, "| %s | %s: %.0f %s (%.0f–%.0f) | %.0f %s (%.0f–%.0f) | %.2f | %s%s |%n",
                scenario, baselineName, baseline.median(), baseline.unit(), baseline.min(), baseline.max(),
                rewind.median(), rewind.unit(), rewind.min(), rewind.max(), ratio, target,
                target.startsWith("none") ? "" : met ? ": met" : ": missed"));
    }

    private static JsonObjectBuilder parameters(Map<String, Object> parameters) {
        JsonObjectBuilder json = Json.createObjectBuilder();
        parameters.forEach((k, v) -> json.add(k, v instanceof Number n ? Json.createValue(n.longValue()) : Json.createValue(v.toString())));
        return json;
    }
}
