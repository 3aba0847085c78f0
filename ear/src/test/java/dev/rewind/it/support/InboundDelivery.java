package dev.rewind.it.support;

import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Stops and starts the delivery of Rewind's inbound consumer, through the server's management (in the
 * server only): a test fills the queue first, so its load is in flight however fast the consumer is.
 */
public final class InboundDelivery {

    private InboundDelivery() {
    }

    public static void stop() throws JMException {
        invoke("stopDelivery");
    }

    public static void start() throws JMException {
        invoke("startDelivery");
    }

    private static void invoke(String operation) throws JMException {
        ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("jboss.as:deployment=rewind.ear,"
                + "subdeployment=rewind-ejb.jar,subsystem=ejb3,message-driven-bean=InboundConsumer"), operation, null, null);
    }
}
