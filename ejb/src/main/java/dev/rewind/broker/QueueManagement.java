package dev.rewind.broker;

/**
 * Operations on one queue of the broker, by its core name (e.g. {@code jms.queue.rewind.inbound}):
 * the subset of Artemis' {@code QueueControl} Rewind uses, reachable either through the embedded
 * broker's management beans or through management messages sent to a remote broker.
 */
interface QueueManagement {

    /** Invokes a queue operation whose parameters are all strings; returns its result. */
    Object invoke(String queue, String operation, String... parameters) throws Exception;

    /** Reads a queue attribute. */
    Object read(String queue, String attribute) throws Exception;

    /** Where the broker is, for messages. */
    String describe();
}
