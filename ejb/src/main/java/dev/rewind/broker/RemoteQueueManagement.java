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
 * address). The user needs the {@code manage} permission there. One connection, session and
 * requestor are kept and opened again after the broker went away: a requestor costs a temporary
 * queue on the broker, and opening one per request took most of a bulk chunk's removal time
 * (JFR, 2026-11-29). Requests take turns.
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
    private ClientSession session;
    private ClientRequestor requestor;

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

    private synchronized Object request(String queue, Request request) throws Exception {
        ClientMessage reply;
        try {
            reply = ask(request);
        } catch (Exception connectionWentAway) {
            // The broker restarted since the last request: connect again once.
            disconnect();
            reply = ask(request);
        }
        if (reply == null) {
            disconnect(); // a late reply must not answer the next request
            throw new IllegalStateException(describe() + " did not answer within " + timeoutMs + " ms");
        }
        Object result = ManagementHelper.getResult(reply);
        if (!ManagementHelper.hasOperationSucceeded(reply)) {
            throw new IllegalStateException(describe() + " refused the request on queue " + queue + ": " + result);
        }
        return result;
    }

    private ClientMessage ask(Request request) throws Exception {
        if (requestor == null) {
            connect();
        }
        ClientMessage message = session.createMessage(false);
        request.write(message);
        return requestor.request(message, timeoutMs);
    }

    private void connect() throws Exception {
        if (locator == null) {
            locator = ActiveMQClient.createServerLocator(url);
        }
        if (factory == null || factory.isClosed()) {
            factory = locator.createSessionFactory();
        }
        session = factory.createSession(user, password, false, true, true, false, 0);
        requestor = new ClientRequestor(session, MANAGEMENT_ADDRESS);
        session.start();
    }

    /** Drops the session and connection (kept: the locator), so that the next request connects anew. */
    private void disconnect() {
        try {
            if (requestor != null) {
                requestor.close();
            }
        } catch (Exception alreadyGone) {
            // closing what the broker already dropped
        }
        if (factory != null) {
            factory.close(); // closes the session too
        }
        requestor = null;
        session = null;
        factory = null;
    }

    @Override
    public synchronized void close() {
        disconnect();
        if (locator != null) {
            locator.close();
        }
    }
}
