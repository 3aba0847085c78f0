package dev.rewind.revoke;

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

/** Consumes the compensation queue in a container transaction and hands each message to {@link CompensateService}. */
@MessageDriven(name = "CompensationConsumer", activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = RewindQueues.COMPENSATION_JNDI),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4"),
        // No prefetch: with the default 1 MiB window the first sessions to connect take every waiting
        // message into their buffers and the others stay idle; without it the load spreads over all sessions.
        @ActivationConfigProperty(propertyName = "consumerWindowSize", propertyValue = "0")
})
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class CompensationConsumer implements MessageListener {

    @Inject
    CompensateService compensate;

    @Override
    public void onMessage(Message message) {
        try {
            compensate.compensate(message);
        } catch (JMSException e) {
            throw new IllegalStateException("Cannot read JMS message: " + Errors.describe(e), e);
        }
    }
}
