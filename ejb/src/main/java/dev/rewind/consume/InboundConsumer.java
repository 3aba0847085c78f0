package dev.rewind.consume;

import dev.rewind.api.RewindQueues;
import dev.rewind.failure.Errors;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * Consumes Rewind's inbound queue in a container transaction and hands each message to
 * {@link ConsumeService}. A {@link JMSException} here means the message cannot even be read;
 * it is rethrown so the container rolls back and the broker redelivers, then dead-letters it.
 */
@MessageDriven(name = "InboundConsumer", activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = RewindQueues.INBOUND_JNDI),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "16"),
        // No prefetch: with the default 1 MiB window the first sessions to connect take every waiting
        // message into their buffers and the others stay idle; without it the load spreads over all sessions.
        @ActivationConfigProperty(propertyName = "consumerWindowSize", propertyValue = "0")
})
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class InboundConsumer implements MessageListener {

    @Inject
    ConsumeService consume;

    @Override
    public void onMessage(Message message) {
        try {
            consume.consume(message);
        } catch (JMSException e) {
            throw new IllegalStateException("Cannot read JMS message: " + Errors.describe(e), e);
        }
    }
}
