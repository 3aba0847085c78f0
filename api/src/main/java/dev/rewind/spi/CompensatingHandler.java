package dev.rewind.spi;

/**
 * A handler that can undo what it did: a revoke of a PROCESSED message calls {@link #compensate}
 * with the same payload, in the compensation consumer's container transaction. Handlers that do
 * not implement this cannot be revoked after they ran.
 */
public interface CompensatingHandler<T> extends MessageHandler<T> {

    void compensate(T payload, MessageContext context) throws Exception;
}
