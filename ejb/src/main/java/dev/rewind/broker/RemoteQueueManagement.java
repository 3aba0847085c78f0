package dev.rewind.broker;

import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientRequestor;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.api.core.management.ManagementHelper;
import org.apache.activemq.artemis.api.core.management.ResourceNames;

/**
 * A remote Artemis broker, through management messages (request and reply on its management
 * address). The user needs the {@code manage} permission there. One connection is kept and
 * opened again after the broker went away; each request has a session of its own.
 */
final class RemoteQueueManagement implements QueueManagement, AutoCloseable {

    private static final String MANAGEMENT_ADDRESS = "activemq.management";
    private static final long DEFAULT_TIMEOUT_MS = 10_000;

    private final String url;
    private final String user;
    private final String password;
    private final long timeoutMs;
    private ServerLocator locator;
    private ClientSessionFactory factory;

    RemoteQueueManagement(String url, String user, String password) {
        this(url, user, password, DEFAULT_TIMEOUT_MS);
    }

    /** With a longer wait for operations on large queues. */
    RemoteQueueManagement(String url, String user, String password, long timeoutMs) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.timeoutMs = timeoutMs;
    }

    @Override
    public Object invoke(String queue, String operation, String... parameters) throws Exception {
        return request(queue, message -> ManagementHelper.putOperationInvocation(message,
                ResourceNames.QUEUE + queue, operation, (Object[]) parameters));
    }

    @Override
    public Object read(String queue, String attribute) throws Exception {
        return request(queue, message -> ManagementHelper.putAttribute(message, ResourceNames.QUEUE + queue, attribute));
    }

    @Override
    public String describe() {
        return "the broker at " + url;
    }

    private interface Request {
        void write(ClientMessage message) throws Exception;
    }

    private Object request(String queue, Request request) throws Exception {
        try (ClientSession session = session(); ClientRequestor requestor = new ClientRequestor(session, MANAGEMENT_ADDRESS)) {
            session.start();
            ClientMessage message = session.createMessage(false);
            request.write(message);
            ClientMessage reply = requestor.request(message, timeoutMs);
            if (reply == null) {
                throw new IllegalStateException(describe() + " did not answer within " + timeoutMs + " ms");
            }
            Object result = ManagementHelper.getResult(reply);
            if (!ManagementHelper.hasOperationSucceeded(reply)) {
                throw new IllegalStateException(describe() + " refused the request on queue " + queue + ": " + result);
            }
            return result;
        }
    }

    private synchronized ClientSession session() throws Exception {
        if (factory == null || factory.isClosed()) {
            if (locator == null) {
                locator = ActiveMQClient.createServerLocator(url);
            }
            factory = locator.createSessionFactory();
        }
        try {
            return factory.createSession(user, password, false, true, true, false, 0);
        } catch (Exception connectionWentAway) {
            // The broker restarted since the last request: connect again once.
            factory.close();
            factory = locator.createSessionFactory();
            return factory.createSession(user, password, false, true, true, false, 0);
        }
    }

    @Override
    public synchronized void close() {
        if (factory != null) {
            factory.close();
        }
        if (locator != null) {
            locator.close();
        }
    }
}
