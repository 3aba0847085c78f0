package dev.rewind.api;

/** Where a bulk job is. Only RUNNING jobs make progress, and they resume after a restart. */
public enum JobState {
    RUNNING,
    COMPLETED,
    CANCELLED,
    /** Stopped by an error that retrying its chunk did not cure; see the job's last error. */
    FAILED
}
