/**
 * Retention: PROCESSED entries older than a configured age are purged in bounded batches by a
 * timer, whole or payload only; FAILED, revoked and held entries are never purged.
 */
package dev.rewind.retention;
