package com.tokyoia.lake.infrastructure.trino;

import com.tokyoia.lake.infrastructure.config.TrinoSettings;
import io.trino.jdbc.NonRegisteringTrinoDriver;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Connections to the Trino coordinator that serves the lake's Hive catalog, shared by the Trino
 * catalog publisher (ETL) and the Trino cold engine (analytics). The driver is called directly
 * (inside the server, DriverManager does not see drivers packaged in a deployment), and is the
 * non-registering one: a DriverManager entry would pin the deployment's class loader on redeploy.
 */
public final class TrinoConnector implements AutoCloseable {
    private final TrinoSettings settings;
    private final NonRegisteringTrinoDriver driver = new NonRegisteringTrinoDriver() {
    };

    public TrinoConnector(TrinoSettings settings) {
        this.settings = settings;
    }

    public TrinoSettings settings() {
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
        } catch (IOException e) {
            // Only its HTTP client's pools go away; nothing to recover.
        }
    }
}
