package dev.rewind.health;

import dev.rewind.api.RewindQueues;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when a connection to the broker the consumers use (the pooled connection factory) can be opened. */
@Readiness
@ApplicationScoped
public class BrokerReadiness implements HealthCheck {

    @Resource(lookup = "java:/JmsXA")
    ConnectionFactory broker;

    @Override
    public HealthCheckResponse call() {
        try (JMSContext context = broker.createContext()) {
            context.createQueue(RewindQueues.INBOUND);
            return HealthCheckResponse.named("rewind-broker").up().build();
        } catch (JMSRuntimeException e) {
            return HealthCheckResponse.named("rewind-broker").down()
                    .withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
