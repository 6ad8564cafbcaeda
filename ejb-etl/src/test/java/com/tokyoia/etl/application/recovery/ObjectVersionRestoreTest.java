package com.tokyoia.etl.application.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tokyoia.etl.EtlFixtures;
import com.tokyoia.etl.application.DamagedCopies;
import com.tokyoia.etl.application.DeepVerifier;
import com.tokyoia.etl.application.alerting.Alerts;
import com.tokyoia.etl.application.alerting.Notice;
import com.tokyoia.etl.application.port.AlertChannel;
import com.tokyoia.etl.infrastructure.parquet.ParquetFiles;
import com.tokyoia.etl.infrastructure.store.LocalDirectoryStore;
import com.tokyoia.etl.infrastructure.store.S3ObjectStore;
import com.tokyoia.lake.domain.Sha256;
import com.tokyoia.lake.domain.StoredVersion;
import com.tokyoia.lake.domain.manifest.ManifestEntry;
import com.tokyoia.lake.domain.schema.LakeSchemaRegistry;
import com.tokyoia.lake.domain.schema.LakeTable;
import com.tokyoia.lake.infrastructure.config.S3Settings;
import com.tokyoia.platform.time.SystemTime;
import com.tokyoia.testing.HotDataGenerator;
import com.tokyoia.testing.S3MockServer;
import com.tokyoia.testing.TestDatabase;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restoring a day's object from an earlier version, against a real versioned S3-compatible server
 * (Adobe S3Mock): the good bytes are the manifest's, whatever overwrote them since.
 */
class ObjectVersionRestoreTest {
    static final LocalDate DAY = LocalDate.of(2025, 6, 3);
    static final LakeTable TASKS = LakeSchemaRegistry.AGENT_TASKS;
    static S3MockServer s3;

    @BeforeAll
    static void start() throws Exception {
        TestDatabase.resetDays(List.of(DAY));
        HotDataGenerator generator = new HotDataGenerator(603);
        generator.createAgents(2, "versions-");
        generator.day(DAY, new HotDataGenerator.Volume(4, 300, 5, 5, 2));
        s3 = S3MockServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void theVersionWithTheManifestsBytesComesBackOverACorruptedObject(@TempDir Path work) throws Exception {
        try (S3ObjectStore store = S3ObjectStore.anonymous(new S3Settings(S3MockServer.BUCKET, "lake", Optional.of("us-east-1"),
                Optional.of(URI.create(s3.endpoint())), true, Optional.empty(), Optional.empty(), 64L << 20, 8L << 20))) {
            TestDatabase.resetManifest(List.of(DAY));
            EtlFixtures.exporter(store, work).export(TASKS, DAY, -1, false);
            ManifestEntry proven = EtlFixtures.manifest().current(TASKS.name(), DAY).orElseThrow();
            List<Notice> notices = new ArrayList<>();
            DamagedCopies damaged = new DamagedCopies(EtlFixtures.manifest(), new Alerts(List.of((AlertChannel) notices::add)),
                    SystemTime.clock());
            ObjectVersionRestore restore = new ObjectVersionRestore(EtlFixtures.manifest(), store, work, damaged);
            assertThat(restore.restore(TASKS, DAY).restored()).as("the current object is the good one").isFalse();

            // Someone (or something) overwrites the object with other bytes, twice.
            Path bad = work.resolve("bad.parquet");
            for (String junk : List.of("not parquet at all", "still not the day's rows")) {
                Files.writeString(bad, junk);
                store.put(proven.objectKey(), bad, Sha256.ofFile(bad));
            }
            List<StoredVersion> versions = store.versions(proven.objectKey());
            assertThat(versions).hasSize(3);
            assertThat(versions.get(0).current()).isTrue();

            // Deep verify finds the damage on the S3-compatible store and records it; the restore clears it.
            DeepVerifier verifier = new DeepVerifier(EtlFixtures.manifest(), store, new ParquetFiles(), work, damaged);
            assertThat(verifier.verify(TASKS, DAY).ok()).isFalse();
            assertThat(EtlFixtures.manifest().current(TASKS.name(), DAY).orElseThrow().damage()).contains("SHA-256");

            ObjectVersionRestore.Outcome outcome = restore.restore(TASKS, DAY);
            assertThat(outcome.restored()).isTrue();
            assertThat(EtlFixtures.manifest().current(TASKS.name(), DAY).orElseThrow().trusted()).isTrue();
            assertThat(notices).extracting(Notice::state).containsExactly(Notice.State.OPENED, Notice.State.CLEARED);
            assertThat(outcome.versionId()).isEqualTo(versions.get(2).versionId());
            assertThat(outcome.checked()).hasSize(2);
            Path back = work.resolve("back.parquet");
            store.download(proven.objectKey(), back);
            assertThat(Sha256.ofFile(back)).isEqualTo(proven.sha256());
            assertThat(store.versions(proven.objectKey())).as("the bad versions stay as versions").hasSize(4);
        }
    }

    @Test
    void aStoreWithoutVersionsSaysWhatToDoInstead(@TempDir Path work, @TempDir Path lake) throws Exception {
        LocalDirectoryStore store = new LocalDirectoryStore(lake);
        TestDatabase.resetManifest(List.of(DAY));
        EtlFixtures.exporter(store, work).export(TASKS, DAY, -2, false);
        ManifestEntry proven = EtlFixtures.manifest().current(TASKS.name(), DAY).orElseThrow();
        Files.writeString(lake.resolve(proven.objectKey()), "corrupt");
        assertThatThrownBy(() -> new ObjectVersionRestore(EtlFixtures.manifest(), store, work,
                new DamagedCopies(EtlFixtures.manifest(), Alerts.none(), SystemTime.clock())).restore(TASKS, DAY))
                .isInstanceOf(ObjectVersionRestore.ObjectRestoreException.class).hasMessageContaining("re-export");
    }
}
