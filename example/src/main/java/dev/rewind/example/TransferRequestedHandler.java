package dev.rewind.example;

import dev.rewind.spi.CompensatingHandler;
import dev.rewind.spi.MessageContext;
import dev.rewind.spi.MessageType;
import dev.rewind.spi.Rehearsable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Moves the money of a transfer; its compensation moves it back. A fee and a notification are follow-ups sent
 * through Rewind in the same transaction ({@link MessageContext#send}): a cascading revoke of the transfer takes
 * them back first. All it does is in the accounts' database and the ledger, in the transaction it runs in: it can
 * be rehearsed.
 */
@ApplicationScoped
@Rehearsable
@MessageType("transfer.requested")
public class TransferRequestedHandler implements CompensatingHandler<TransferRequest> {

    @Inject
    Accounts accounts;

    @Override
    public Class<TransferRequest> payloadType() {
        return TransferRequest.class;
    }

    @Override
    public void handle(TransferRequest transfer, MessageContext context) {
        accounts.transfer(transfer.getFrom(), transfer.getTo(), transfer.getAmount());
        if (transfer.getFee() > 0) {
            context.send(FeeChargedHandler.TYPE, new FeeCharge(transfer.getFrom(), transfer.getFee()), transfer.getFeeDelayMs());
        }
        if (transfer.getNotify() != null) {
            context.send(NotificationRequestedHandler.TYPE, new NotificationRequest(transfer.getTo(), transfer.getNotify()));
        }
    }

    @Override
    public void compensate(TransferRequest transfer, MessageContext context) {
        accounts.transfer(transfer.getTo(), transfer.getFrom(), transfer.getAmount());
    }
}
