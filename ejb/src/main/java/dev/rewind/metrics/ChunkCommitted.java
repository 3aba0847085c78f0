package dev.rewind.metrics;

import dev.rewind.api.BulkKind;

/** Fired in a bulk job's chunk transaction with what the chunk did; observed after it commits. */
public record ChunkCommitted(long jobId, BulkKind kind, int done, int skipped, int failed) {
}
