package com.tokyoia.etl.application.migration;

import com.tokyoia.etl.application.port.LakeStores;
import com.tokyoia.lake.domain.manifest.LakeLocation;
import java.io.IOException;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The lake's moves as the jobs and the API use them: a migration's plan (a dry run) and the
 * migration itself, and the catalog re-sync, each with the stores it needs opened for its run only.
 */
public final class LakeMoves {
    /** The first day a range without a start covers: before any lake this system wrote. */
    public static final LocalDate BEGINNING = LocalDate.of(1970, 1, 1);
    private final LakeMigration migration;
    private final CatalogResync resync;
    private final Supplier<LakeStores> stores;

    public LakeMoves(LakeMigration migration, CatalogResync resync, Supplier<LakeStores> stores) {
        this.migration = migration;
        this.resync = resync;
        this.stores = stores;
    }

    /** Whether the target's store and catalog answer (before a migration starts): what answered, or an exception saying why not. */
    public String reachable(LakeLocation target) throws IOException, SQLException {
        try (LakeStores opened = stores.get()) {
            return opened.store(target).probe() + "; " + opened.catalog(target).probe();
        }
    }

    public LakeMigration.Plan plan(LakeLocation target, LocalDate from, LocalDate to) throws SQLException {
        try (LakeStores opened = stores.get()) {
            return migration.plan(target, opened.configured(), from, to);
        }
    }

    public LakeMigration.Outcome migrate(LakeLocation target, LocalDate from, LocalDate to, long executionId, BooleanSupplier stopping)
            throws IOException, SQLException {
        try (LakeStores opened = stores.get()) {
            return migration.migrate(migration.plan(target, opened.configured(), from, to), target, opened, executionId, stopping);
        }
    }

    public CatalogResync.Outcome publish(LocalDate from, LocalDate to, BooleanSupplier stopping) throws IOException, SQLException {
        try (LakeStores opened = stores.get()) {
            LakeLocation here = opened.configured();
            return resync.publish(from, to, here, opened.store(here), opened.catalog(here), stopping);
        }
    }
}
