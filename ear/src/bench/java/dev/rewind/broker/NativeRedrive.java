package dev.rewind.broker;

// In Rewind's broker package (a source set of its own) to reach its package-private remote management client.

/**
 * Benchmark baseline: the broker's own redrive of a dead-letter queue (Artemis management
 * {@code moveMessages}), through the same management path Rewind uses for a remote broker.
 */
public final class NativeRedrive implements AutoCloseable {

    private final RemoteQueueManagement control;

    public NativeRedrive(String url, String user, String password) {
        this.control = new RemoteQueueManagement(url, user, password, 600_000);
    }

    /** Moves every message of one JMS queue to another; returns how many moved. */
    public long moveAll(String from, String to) throws Exception {
        return ((Number) control.invoke("jms.queue." + from, "moveMessages", "", "jms.queue." + to)).longValue();
    }

    /** How many messages a JMS queue holds. */
    public long count(String queue) throws Exception {
        return ((Number) control.read("jms.queue." + queue, "MessageCount")).longValue();
    }

    /** Empties a JMS queue. */
    public long purge(String queue) throws Exception {
        return ((Number) control.invoke("jms.queue." + queue, "removeAllMessages")).longValue();
    }

    @Override
    public void close() {
        control.close();
    }
}
