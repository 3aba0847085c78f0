/**
 * Consumption: the MDB takes a message from the inbound queue, {@link dev.rewind.consume.ConsumeService}
 * runs its handler against the ledger in the container transaction, and
 * {@link dev.rewind.consume.FailureRecorder} keeps failed attempts in a transaction of their own so
 * that they survive the rollback that makes the broker redeliver.
 */
package dev.rewind.consume;
