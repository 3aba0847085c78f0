/**
 * What a failure was: {@link dev.rewind.failure.DatabaseFailure} classifies a database failure (conflict,
 * refused value, lost connection; the one classifier every retry and wait decision uses), and
 * {@link dev.rewind.failure.Errors} finds the real cause past the container's wrappers for logs and the ledger.
 */
package dev.rewind.failure;
