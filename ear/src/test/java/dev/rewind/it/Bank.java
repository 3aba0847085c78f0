package dev.rewind.it;

import dev.rewind.example.Accounts;
import dev.rewind.query.EntryQueries;
import dev.rewind.query.EntryView;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Predicate;

/** In-container test helper: demo accounts of one test run, transfer messages, and waiting on the ledger. */
final class Bank {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final JMSContext jms;
    private final Accounts accounts;
    private final EntryQueries entries;
    private final String run = Long.toString(System.nanoTime(), 36);

    Bank(JMSContext jms, Accounts accounts, EntryQueries entries) {
        this.jms = jms;
        this.accounts = accounts;
        this.entries = entries;
    }

    /** Opens an account whose id is unique to this run; returns the id. */
    String account(String name, long balance) {
        String id = name + "-" + run;
        accounts.open(id, balance);
        return id;
    }

    long balance(String account) {
        return accounts.find(account).orElseThrow().balance();
    }

    String run() {
        return run;
    }

    /** A {@code transfer.requested} message, not sent yet. */
    TextMessage transfer(String from, String to, long amount) throws JMSException {
        TextMessage message = jms.createTextMessage(
                "{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"amount\":" + amount + "}");
        message.setJMSType("transfer.requested");
        return message;
    }

    EntryView awaitEntry(UUID id, Predicate<EntryView> condition) {
        return Await.until("entry " + id + " is as expected", WAIT, () -> entries.find(id).orElse(null),
                e -> e != null && condition.test(e));
    }
}
