package com.tokyoia.integration.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.tokyoia.analytics.application.port.ManifestView;
import com.tokyoia.analytics.infrastructure.manifest.ListeningManifestView;
import com.tokyoia.lake.domain.manifest.ManifestEntry;
import com.tokyoia.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The router's in-memory manifest view on real PostgreSQL: kept until the manifest trigger's
 * notification arrives, read again after it, and not kept at all while its listening connection is
 * down (killed with pg_terminate_backend, as a PostgreSQL restart would) until it listens again.
 */
class ManifestViewTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @BeforeAll
    static void lake() throws Exception {
        LakeFixture.lake();
    }

    @Test
    void versionsAreKeptUntilTheManifestChangesAndReadEveryTimeWhileNotListening() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        ManifestView manifest = (table, from, to) -> {
            reads.incrementAndGet();
            return LakeFixture.manifest().currentVersions(table, from, to);
        };
        LocalDate from = LakeFixture.FIRST.plusDays(10);
        LocalDate to = LakeFixture.FIRST.plusDays(19);
        try (ListeningManifestView view = new ListeningManifestView(TestDatabase.dataSource(), manifest, Executors.defaultThreadFactory())) {
            await(view::isListening, "the view listens");
            List<ManifestEntry> first = view.currentVersions("agent_tasks", from, to);
            assertThat(first).hasSize(10);
            assertThat(view.currentVersions("agent_tasks", from, to)).isEqualTo(first);
            assertThat(view.currentVersions("agent_tasks", from, to)).isEqualTo(first);
            assertThat(reads).as("kept after the first read").hasValue(1);

            // Any manifest statement (here one that changes no row) is announced at commit and drops what was kept.
            long generation = view.generation();
            try (Connection c = TestDatabase.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE export_manifest SET storage_checked_at = storage_checked_at WHERE false");
            }
            await(() -> view.generation() > generation, "the change is heard");
            assertThat(view.currentVersions("agent_tasks", from, to)).isEqualTo(first);
            assertThat(reads).as("read again after the change").hasValue(2);
            view.currentVersions("agent_tasks", from, to);
            assertThat(reads).hasValue(2);

            // The listening connection killed: nothing is kept until listening resumes.
            try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
                try (ResultSet killed = s.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                        + "WHERE datname = current_database() AND application_name = '" + ListeningManifestView.APPLICATION_NAME + "'")) {
                    killed.next();
                    assertThat(killed.getInt(1)).as("the listening backend").isEqualTo(1);
                }
            }
            await(() -> !view.isListening(), "the view notices its connection is gone");
            int before = reads.get();
            if (!view.isListening()) {
                view.currentVersions("agent_tasks", from, to);
                view.currentVersions("agent_tasks", from, to);
                assertThat(reads.get() - before).as("every read goes to the manifest while not listening").isEqualTo(2);
            }
            await(view::isListening, "the view listens again");
            int again = reads.get();
            view.currentVersions("agent_tasks", from, to);
            view.currentVersions("agent_tasks", from, to);
            assertThat(reads.get() - again).as("kept again once listening").isEqualTo(1);
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + PATIENCE + ": " + what);
            }
            Thread.sleep(10);
        }
    }
}
