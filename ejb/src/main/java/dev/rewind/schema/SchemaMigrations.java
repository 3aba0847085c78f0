package dev.rewind.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.service.spi.SessionFactoryServiceRegistry;
import org.jboss.logging.Logger;

/**
 * Applies the ledger's versioned migrations ({@code db/migration/h2} or {@code db/migration/postgresql})
 * while Hibernate builds the persistence unit. Integrators run before Hibernate's schema
 * validation, so the schema is current when it is checked, and before any bean can use it; a
 * startup bean would come too late. Flyway's history table serialises concurrent starts of
 * several nodes: one migrates, the others find the work done.
 */
public class SchemaMigrations implements Integrator {

    private static final Logger LOG = Logger.getLogger(SchemaMigrations.class);

    @Override
    public void integrate(Metadata metadata, BootstrapContext bootstrapContext, SessionFactoryImplementor factory) {
        DataSource dataSource = factory.getServiceRegistry().getService(ConnectionProvider.class).unwrap(DataSource.class);
        String vendor = vendor(dataSource);
        Flyway flyway = Flyway.configure(SchemaMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration/" + vendor)
                .table("rewind_schema_history")
                .failOnMissingLocations(true)
                .load();
        // H2 loads the counts trigger (V7) by name through the thread's context class loader: make it this module's.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        MigrateResult result;
        try {
            thread.setContextClassLoader(SchemaMigrations.class.getClassLoader());
            result = flyway.migrate();
        } finally {
            thread.setContextClassLoader(previous);
        }
        LOG.infof("Ledger schema (%s) at version %s, %d migration(s) applied now", vendor,
                flyway.info().current().getVersion(), result.migrationsExecuted);
    }

    /** The folder of migrations for this database: {@code h2} or {@code postgresql}. */
    static String vendor(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return vendor(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the ledger's database to migrate it: " + e.getMessage(), e);
        }
    }

    /** The database behind this connection, as the migrations name it: {@code h2} or {@code postgresql}. */
    public static String vendor(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("postgres")) {
            return "postgresql";
        }
        if (product.contains("h2")) {
            return "h2";
        }
        throw new IllegalStateException("Rewind has migrations for H2 and PostgreSQL, not for " + product);
    }

    @Override
    public void disintegrate(SessionFactoryImplementor factory, SessionFactoryServiceRegistry registry) {
        // nothing to release
    }
}
