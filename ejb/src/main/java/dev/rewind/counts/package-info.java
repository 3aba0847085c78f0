/**
 * Counts of ledger entries by type, status and error class, kept by the database in the transaction that
 * changes an entry (table {@code rewind_count}, a trigger per database), read by the stats of the API.
 */
package dev.rewind.counts;
