package com.tokyoia.analytics.application.port;

import com.tokyoia.lake.domain.manifest.ManifestEntry;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

/**
 * The manifest's current version of each day, as the router plans from it. The server's keeps what
 * it read in memory until PostgreSQL announces a manifest change; tools and tests read the manifest
 * every time ({@code manifest::currentVersions}).
 */
@FunctionalInterface
public interface ManifestView {
    /** The current (proven, purged or archived) version of each day of [from, to] that has one. */
    List<ManifestEntry> currentVersions(String table, LocalDate from, LocalDate to) throws SQLException;
}
