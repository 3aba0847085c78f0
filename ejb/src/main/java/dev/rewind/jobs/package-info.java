/**
 * Bulk replay and revoke by filter. A job walks the matching entries newest first in chunks; each
 * chunk applies the operation to its entries and advances the job's checkpoint in one
 * transaction, so a job resumed after a crash or restart continues exactly where the last
 * committed chunk ended and no entry is done twice.
 *
 * <p>Why not Jakarta Batch: JBeret keeps its checkpoints in its own repository, outside the chunk's
 * JTA transaction with the ledger, so a crash between the two would repeat a chunk; and it does
 * not restart jobs that were running when the server stopped. Keeping the checkpoint in the
 * ledger's database, in the same transaction, gives both for one table.
 */
package dev.rewind.jobs;
