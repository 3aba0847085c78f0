package dev.rewind.spi;

/**
 * Application code that handles one type of message. Implementations are CDI beans annotated
 * with {@link MessageType}; they run inside the consumer's container transaction, so their
 * database work commits or rolls back together with the ledger and the JMS acknowledgement.
 *
 * <p>Throwing from {@link #handle} rolls everything back; the broker redelivers the message and,
 * after its last attempt, dead-letters it, and the ledger entry is FAILED with the error.
 *
 * @param <T> the payload: Rewind reads the JSON text body into it (JSON-B) and validates it
 *            (Bean Validation) before calling {@link #handle}; a body that does not fit is
 *            rejected without calling the handler
 */
public interface MessageHandler<T> {

    /** The class the JSON body is read into; {@code String.class} passes the text through. */
    Class<T> payloadType();

    void handle(T payload, MessageContext context) throws Exception;
}
