package dev.rewind.broker;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** The embedded broker of WildFly, through its management beans ({@code jmx-management-enabled}, set by rewind-messaging.cli). */
final class LocalQueueManagement implements QueueManagement {

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    @Override
    public Object invoke(String queue, String operation, String... parameters) throws Exception {
        String[] signature = new String[parameters.length];
        Arrays.fill(signature, String.class.getName());
        return server.invoke(bean(queue), operation, parameters, signature);
    }

    @Override
    public Object read(String queue, String attribute) throws Exception {
        return server.getAttribute(bean(queue), attribute);
    }

    @Override
    public String describe() {
        return "the embedded broker";
    }

    private ObjectName bean(String queue) throws Exception {
        Set<ObjectName> names = server.queryNames(new ObjectName(
                "org.apache.activemq.artemis:component=addresses,subcomponent=queues,queue=" + ObjectName.quote(queue) + ",*"), null);
        if (names.isEmpty()) {
            throw new IllegalStateException("the embedded broker has no queue " + queue);
        }
        return names.iterator().next();
    }
}
