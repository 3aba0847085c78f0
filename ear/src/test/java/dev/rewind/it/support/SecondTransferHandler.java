package dev.rewind.it.support;

import dev.rewind.example.TransferRequest;
import dev.rewind.spi.MessageContext;
import dev.rewind.spi.MessageHandler;
import dev.rewind.spi.MessageType;
import jakarta.enterprise.context.ApplicationScoped;

/** Test-only: a second handler for a type the example already handles, which must fail the deployment. */
@ApplicationScoped
@MessageType("transfer.requested")
public class SecondTransferHandler implements MessageHandler<TransferRequest> {

    @Override
    public Class<TransferRequest> payloadType() {
        return TransferRequest.class;
    }

    @Override
    public void handle(TransferRequest payload, MessageContext context) {
        throw new AssertionError("a deployment with two handlers for one type must not start");
    }
}
