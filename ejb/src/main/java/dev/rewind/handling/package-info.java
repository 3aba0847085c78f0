/**
 * Running handlers, shared by the inbound and the compensation consumers: finding a type's handler
 * ({@link dev.rewind.handling.HandlerRegistry}, checked at deployment by
 * {@link dev.rewind.handling.HandlerExtension}), reading its payload ({@link dev.rewind.handling.PayloadReader}),
 * running a step in the consumer's transaction and ending it ({@link dev.rewind.handling.HandlerRun},
 * {@link dev.rewind.handling.LedgerFlush}), and keeping failed attempts in a transaction of their own
 * ({@link dev.rewind.handling.FailureRecorder}) so that they survive the rollback that makes the broker
 * redeliver. {@link dev.rewind.handling.Consumed} says what each delivery did.
 */
package dev.rewind.handling;
