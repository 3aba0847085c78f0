package dev.rewind.example;

import dev.rewind.spi.CompensatingHandler;
import dev.rewind.spi.MessageContext;
import dev.rewind.spi.MessageType;
import dev.rewind.spi.Rehearsable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Moves the money of a transfer; its compensation moves it back. All it does is in the accounts' database,
 * in the transaction it runs in: it can be rehearsed.
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
    }

    @Override
    public void compensate(TransferRequest transfer, MessageContext context) {
        accounts.transfer(transfer.getTo(), transfer.getFrom(), transfer.getAmount());
    }
}
