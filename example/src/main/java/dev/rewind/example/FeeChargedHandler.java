package dev.rewind.example;

import dev.rewind.spi.CompensatingHandler;
import dev.rewind.spi.MessageContext;
import dev.rewind.spi.MessageType;
import dev.rewind.spi.Rehearsable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Moves a fee from the payer to the {@code fees} account (opened on first use); its compensation refunds it. */
@ApplicationScoped
@Rehearsable
@MessageType(FeeChargedHandler.TYPE)
public class FeeChargedHandler implements CompensatingHandler<FeeCharge> {

    public static final String TYPE = "fee.charged";

    /** The account fees go to. */
    public static final String FEES = "fees";

    @Inject
    Accounts accounts;

    @Override
    public Class<FeeCharge> payloadType() {
        return FeeCharge.class;
    }

    @Override
    public void handle(FeeCharge fee, MessageContext context) {
        accounts.openIfAbsent(FEES);
        accounts.transfer(fee.getAccount(), FEES, fee.getAmount());
    }

    @Override
    public void compensate(FeeCharge fee, MessageContext context) {
        accounts.transfer(FEES, fee.getAccount(), fee.getAmount());
    }
}
