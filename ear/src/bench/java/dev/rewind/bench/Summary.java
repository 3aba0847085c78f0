package dev.rewind.bench;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Repeated measurements of one quantity: median and spread (min, max) over the runs. */
record Summary(String unit, double median, double min, double max, List<Double> runs) {

    static Summary of(String unit, List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new Summary(unit, median, sorted.get(0), sorted.get(n - 1), List.copyOf(values));
    }

    /** The p-th percentile (0 to 100) by nearest rank. */
    static double percentile(List<Double> values, double p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    JsonObjectBuilder json() {
        var runsJson = Json.createArrayBuilder();
        runs.forEach(v -> runsJson.add(round(v)));
        return Json.createObjectBuilder().add("unit", unit).add("median", round(median)).add("min", round(min))
                .add("max", round(max)).add("runs", runsJson);
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
