package dev.rewind.example;

import dev.rewind.spi.CompensatingHandler;
import dev.rewind.spi.MessageContext;
import dev.rewind.spi.MessageType;
import dev.rewind.spi.Rehearsable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Records a notification for an account holder; its compensation removes it (it was never delivered, say). */
@ApplicationScoped
@Rehearsable
@MessageType(NotificationRequestedHandler.TYPE)
public class NotificationRequestedHandler implements CompensatingHandler<NotificationRequest> {

    public static final String TYPE = "notification.requested";

    @Inject
    Accounts accounts;

    @Override
    public Class<NotificationRequest> payloadType() {
        return NotificationRequest.class;
    }

    @Override
    public void handle(NotificationRequest request, MessageContext context) {
        accounts.notify(context.id(), request.getAccount(), request.getText());
    }

    @Override
    public void compensate(NotificationRequest request, MessageContext context) {
        accounts.withdrawNotification(context.id());
    }
}
