package dev.rewind.bench;

import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The broker-ceiling baseline: plain JMS consumers with the Artemis client, each on a transacted
 * session committing every message, no MDB and no container transaction. (In the EJB module, which
 * sees WildFly's Artemis client module.)
 */
public final class PlainConsumers {

    private PlainConsumers() {
    }

    /** Consumes {@code count} messages from the queue with {@code sessions} consumers; returns messages per second. */
    public static double drain(String url, String user, String password, String queue, int count, int sessions)
            throws Exception {
        AtomicLong remaining = new AtomicLong(count);
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url, user, password)) {
            long start = System.nanoTime();
            for (int i = 0; i < sessions; i++) {
                Thread thread = new Thread(() -> {
                    try (Connection connection = factory.createConnection()) {
                        Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
                        MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
                        connection.start();
                        while (remaining.getAndDecrement() > 0) {
                            if (consumer.receive(30_000) == null) {
                                throw new IllegalStateException("the queue ran dry with messages outstanding");
                            }
                            session.commit();
                        }
                    } catch (Exception e) {
                        failure.compareAndSet(null, e);
                    }
                }, "bench-plain-" + i);
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.join();
            }
            long end = System.nanoTime();
            if (failure.get() != null) {
                throw failure.get();
            }
            return count / ((end - start) / 1e9);
        }
    }
}
