package dev.rewind.it.support;

import jakarta.jms.JMSContext;
import jakarta.jms.QueueBrowser;
import java.util.Collections;
import java.util.List;
import java.util.StringJoiner;
import java.util.UUID;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/** Reads rewind.DLQ (or another queue) of the standalone test broker as a client would, by browsing it. */
public final class DeadLetters {

    private DeadLetters() {
    }

    /** How many messages in rewind.DLQ carry one of these Rewind ids. */
    public static long count(List<UUID> ids) {
        return count("rewind.DLQ", ids);
    }

    /** How many messages a browse of {@code queue} shows with one of these Rewind ids (not those in delivery). */
    public static long count(String queue, List<UUID> ids) {
        long count = 0;
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(Http.JMS_URL, "rewind",
                System.getProperty("rewind.test.broker-password"));
             JMSContext jms = factory.createContext()) {
            for (int from = 0; from < ids.size(); from += 200) {
                StringJoiner in = new StringJoiner("','", "rewindId IN ('", "')");
                ids.subList(from, Math.min(ids.size(), from + 200)).forEach(id -> in.add(id.toString()));
                try (QueueBrowser browser = jms.createBrowser(jms.createQueue(queue), in.toString())) {
                    count += Collections.list(browser.getEnumeration()).size();
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot browse " + queue + " at " + Http.JMS_URL + ": " + e, e);
        }
        return count;
    }
}
