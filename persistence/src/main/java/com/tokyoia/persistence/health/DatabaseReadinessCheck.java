package com.tokyoia.persistence.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Lives in the EAR library (not the WAR) because WildFly registers health checks of the
 * top-level deployment's bean archives.
 *
 * Ready only when PostgreSQL answers and the schema is migrated: without it nothing works. */
@Readiness
@ApplicationScoped
public class DatabaseReadinessCheck implements HealthCheck {
    @Resource(lookup = "java:jboss/datasources/TokyoIaDS")
    DataSource dataSource;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("postgresql");
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(2);
            try (ResultSet rs = statement.executeQuery(
                    "SELECT max(version) FROM flyway_schema_history WHERE success")) {
                rs.next();
                return response.up().withData("schemaVersion", String.valueOf(rs.getString(1))).build();
            }
        } catch (Exception e) {
            return response.down().withData("error", e.getClass().getSimpleName() + ": " + e.getMessage()).build();
        }
    }
}
