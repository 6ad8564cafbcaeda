package com.tokyoia.etl.infrastructure.trino;

import io.trino.jdbc.NonRegisteringTrinoDriver;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.eclipse.microprofile.config.Config;

/**
 * Connections to the Trino coordinator that serves the lake's Hive catalog, shared by the Trino
 * catalog publisher (ETL) and the Trino cold engine (analytics). The driver is called directly
 * (inside the server, DriverManager does not see drivers packaged in a deployment), and is the
 * non-registering one: a DriverManager entry would pin the deployment's class loader on redeploy.
 */
public final class TrinoConnector implements AutoCloseable {
    public record Settings(String url, String user, String catalog, String schema) {
    }

    private final Settings settings;
    private final NonRegisteringTrinoDriver driver = new NonRegisteringTrinoDriver() {
    };

    public TrinoConnector(Settings settings) {
        this.settings = settings;
    }

    /** From MicroProfile Config: tokyoia.trino.url, .user, .catalog, .schema (environment variables override). */
    public static TrinoConnector fromConfig(Config config) {
        return new TrinoConnector(new Settings(
                config.getOptionalValue("tokyoia.trino.url", String.class).orElse("jdbc:trino://127.0.0.1:8088"),
                config.getOptionalValue("tokyoia.trino.user", String.class).orElse("tokyoia"),
                config.getOptionalValue("tokyoia.trino.catalog", String.class).orElse("lake"),
                config.getOptionalValue("tokyoia.trino.schema", String.class).orElse("tokyoia_lake")));
    }

    public Settings settings() {
        return settings;
    }

    /** A connection whose current catalog and schema are the lake's, so SQL names tables unqualified. */
    public Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", settings.user());
        Connection connection = driver.connect(settings.url(), properties);
        if (connection == null) {
            throw new SQLException("not a Trino JDBC URL: " + settings.url());
        }
        connection.setCatalog(settings.catalog());
        connection.setSchema(settings.schema());
        return connection;
    }

    @Override
    public void close() {
        try {
            driver.close();
        } catch (java.io.IOException e) {
            // Only its HTTP client's pools go away; nothing to recover.
        }
    }
}
