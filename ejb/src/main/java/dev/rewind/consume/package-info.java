/**
 * Consumption of the inbound queue: {@link dev.rewind.consume.InboundConsumer} (the MDB) hands each message
 * to {@link dev.rewind.consume.ConsumeService}, which skips what the ledger says is done, rejects what is
 * unusable (recorded FAILED, forwarded to the DLQ by {@link dev.rewind.consume.DeadLetterForwarder}) and
 * runs the handler of the rest through {@link dev.rewind.handling.HandlerRun}.
 */
package dev.rewind.consume;
