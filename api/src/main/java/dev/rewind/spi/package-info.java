/**
 * What applications implement: a {@link dev.rewind.spi.MessageHandler} per message type, marked
 * with {@link dev.rewind.spi.MessageType}, optionally a {@link dev.rewind.spi.CompensatingHandler}
 * that can undo what it did.
 */
package dev.rewind.spi;
