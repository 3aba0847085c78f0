package dev.rewind.example;

import dev.rewind.spi.MessageContext;
import dev.rewind.spi.MessageHandler;
import dev.rewind.spi.MessageType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Opens an account. It has no compensation: an opened account cannot be revoked after it ran. */
@ApplicationScoped
@MessageType("account.opened")
public class AccountOpenedHandler implements MessageHandler<AccountOpening> {

    @Inject
    Accounts accounts;

    @Override
    public Class<AccountOpening> payloadType() {
        return AccountOpening.class;
    }

    @Override
    public void handle(AccountOpening opening, MessageContext context) {
        accounts.open(opening.getId(), opening.getBalance());
    }
}
