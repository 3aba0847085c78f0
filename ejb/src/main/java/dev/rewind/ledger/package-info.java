/**
 * The message ledger: one {@link dev.rewind.ledger.LedgerEntry} per message, its attempts and its
 * append-only history. {@link dev.rewind.ledger.LedgerEntry#moveTo} is the only place where a status
 * changes, and {@link dev.rewind.api.Status} is the only place that says which changes are legal.
 */
package dev.rewind.ledger;
