package dev.rewind.bench;

import dev.rewind.example.TransferRequest;
import dev.rewind.example.TransferRequestedHandler;
import dev.rewind.spi.MessageContext;
import dev.rewind.spi.MessageType;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.Map;
import java.util.UUID;

/**
 * The baseline of the ledger-overhead benchmark: what a user would write without Rewind. The same
 * example handler, in the same container transaction, on the same database and broker, with as
 * many sessions as Rewind's consumer; no ledger.
 */
@MessageDriven(name = "BareTransferConsumer", activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/queue/bench.bare"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "16"),
        // No prefetch: with the default 1 MiB window the first sessions to connect take every waiting
        // message into their buffers and the others stay idle; without it the load spreads over all sessions.
        @ActivationConfigProperty(propertyName = "consumerWindowSize", propertyValue = "0")
})
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class BareTransferConsumer implements MessageListener {

    private static final Jsonb JSON = JsonbBuilder.create();

    @Inject
    @MessageType("transfer.requested")
    TransferRequestedHandler handler;

    @Inject
    Event<BareHandled> handled;

    @Override
    public void onMessage(Message message) {
        try {
            TransferRequest transfer = JSON.fromJson(((TextMessage) message).getText(), TransferRequest.class);
            String id = message.getStringProperty("benchId");
            UUID uuid = id == null ? UUID.randomUUID() : UUID.fromString(id);
            handler.handle(transfer, new MessageContext(uuid, message.getJMSType(), "bench.bare", 1,
                    message.getJMSRedelivered(), Map.of()));
            handled.fire(new BareHandled(uuid));
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
