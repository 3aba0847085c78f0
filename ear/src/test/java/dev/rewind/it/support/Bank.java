package dev.rewind.it.support;

import dev.rewind.api.EntryView;
import dev.rewind.example.Accounts;
import dev.rewind.query.EntryQueries;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Predicate;

/** In-container test helper: demo accounts of one test run, transfer messages, and waiting on the ledger. */
public final class Bank {

    private static final Duration WAIT = Duration.ofSeconds(60);

    /** The opening balance of each account of a random transfer load. */
    public static final long LOAD_OPENING = 1_000_000;

    private final JMSContext jms;
    private final Accounts accounts;
    private final EntryQueries entries;
    private final String run = Long.toString(System.nanoTime(), 36);

    public Bank(JMSContext jms, Accounts accounts, EntryQueries entries) {
        this.jms = jms;
        this.accounts = accounts;
        this.entries = entries;
    }

    /** Opens an account whose id is unique to this run; returns the id. */
    public String account(String name, long balance) {
        String id = name + "-" + run;
        accounts.open(id, balance);
        return id;
    }

    public long balance(String account) {
        return accounts.find(account).orElseThrow().balance();
    }

    public String run() {
        return run;
    }

    /** A {@code transfer.requested} message, not sent yet. */
    public TextMessage transfer(String from, String to, long amount) throws JMSException {
        TextMessage message = jms.createTextMessage(
                "{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"amount\":" + amount + "}");
        message.setJMSType("transfer.requested");
        return message;
    }

    /**
     * Sends {@code count} transfers at once, each with a rewindId, between random pairs of ten new
     * accounts opened with {@link #LOAD_OPENING} each; returns them with every account's expected balance.
     */
    public Load sendRandomTransfers(Queue inbound, String name, int count, long seed) throws JMSException {
        List<String> accountIds = new ArrayList<>();
        Map<String, Long> expected = new HashMap<>();
        for (int i = 0; i < 10; i++) {
            String id = account(name + i, LOAD_OPENING);
            accountIds.add(id);
            expected.put(id, LOAD_OPENING);
        }
        Random random = new Random(seed);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int a = random.nextInt(10);
            int b = (a + 1 + random.nextInt(9)) % 10;
            long amount = 1 + random.nextInt(100);
            expected.merge(accountIds.get(a), -amount, Long::sum);
            expected.merge(accountIds.get(b), amount, Long::sum);
            UUID id = UUID.randomUUID();
            TextMessage message = transfer(accountIds.get(a), accountIds.get(b), amount);
            message.setStringProperty("rewindId", id.toString());
            jms.createProducer().send(inbound, message);
            ids.add(id);
        }
        return new Load(ids, accountIds, expected);
    }

    /** Transfers sent by {@link #sendRandomTransfers}: their ids, the accounts, and each account's final balance. */
    public record Load(List<UUID> ids, List<String> accounts, Map<String, Long> expected) {
    }

    public EntryView awaitEntry(UUID id, Predicate<EntryView> condition) {
        return Await.until("entry " + id + " is as expected", WAIT, () -> entries.find(id).orElse(null),
                e -> e != null && condition.test(e));
    }
}
