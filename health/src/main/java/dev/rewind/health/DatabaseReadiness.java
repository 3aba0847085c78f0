package dev.rewind.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the ledger's datasource hands out a valid connection within two seconds. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    @Resource(lookup = "java:jboss/datasources/RewindDS")
    DataSource ledger;

    @Override
    public HealthCheckResponse call() {
        try (Connection connection = ledger.getConnection()) {
            return HealthCheckResponse.named("rewind-database").status(connection.isValid(2)).build();
        } catch (SQLException e) {
            return HealthCheckResponse.named("rewind-database").down()
                    .withData("sqlState", String.valueOf(e.getSQLState())).build();
        }
    }
}
