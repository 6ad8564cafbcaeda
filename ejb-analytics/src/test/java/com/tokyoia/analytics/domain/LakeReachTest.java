package com.tokyoia.analytics.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.tokyoia.lake.domain.manifest.LakeLocation;
import com.tokyoia.lake.domain.manifest.ManifestEntry;
import com.tokyoia.lake.domain.manifest.ManifestStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class LakeReachTest {
    private static final LakeLocation LOCAL = LakeLocation.local(Path.of("/var/lib/tokyo-ia/lake/"));
    private static final LakeLocation ON_TRINO = LakeLocation.s3("s3://tokyo-ia-lake/lake", "trino");
    private static final LakeLocation ON_GLUE = LakeLocation.s3("s3://tokyo-ia-lake/lake", "glue");

    @Test
    void eachEngineReadsOnlyItsStoreRootAndCatalog() {
        assertThat(LOCAL.root()).isEqualTo("file:///var/lib/tokyo-ia/lake");
        LakeReach duckdb = LakeReach.duckdb(LOCAL);
        assertThat(duckdb.whyNot(LOCAL)).isEmpty();
        assertThat(duckdb.whyNot(ON_TRINO)).hasValueSatisfying(why -> assertThat(why)
                .isEqualTo("in the s3 store s3://tokyo-ia-lake/lake (catalog trino), and the duckdb engine reads "
                        + "the local store file:///var/lib/tokyo-ia/lake (catalog none)"));
        assertThat(duckdb.whyNot(LakeLocation.local(Path.of("/srv/old-lake")))).hasValueSatisfying(why -> assertThat(why)
                .contains("in the local store file:///srv/old-lake"));

        LakeReach trino = LakeReach.overS3("trino", "s3://tokyo-ia-lake/lake", "trino");
        assertThat(trino.whyNot(ON_TRINO)).isEmpty();
        assertThat(trino.whyNot(LOCAL)).hasValueSatisfying(why -> assertThat(why).contains("local store"));
        assertThat(trino.whyNot(ON_GLUE)).hasValueSatisfying(why -> assertThat(why).contains("(catalog glue)"));
        assertThat(trino.whyNot(LakeLocation.s3("s3://other-bucket/lake", "trino"))).isPresent();
        assertThat(LakeReach.overS3("athena", "s3://tokyo-ia-lake/lake", "glue").whyNot(ON_GLUE)).isEmpty();
    }

    @Test
    void whatIsNotRecordedOrNotConfiguredMatchesAnything() {
        assertThat(LakeReach.duckdb(LOCAL).whyNot(new LakeLocation(null, null, null))).isEmpty();
        assertThat(LakeReach.overS3("trino", null, "trino").whyNot(LakeLocation.s3("s3://any/where", "trino"))).isEmpty();
        assertThat(LakeReach.ANY.whyNot(ON_GLUE)).isEmpty();
    }

    @Test
    void aVersionTheMigrationMovedIsReadableWhereItIsNowAndWhereItsEarlierCopyStayed() {
        ManifestEntry moved = version(ON_TRINO, LOCAL);
        assertThat(LakeReach.overS3("trino", "s3://tokyo-ia-lake/lake", "trino").whyNot(moved)).isEmpty();
        assertThat(LakeReach.duckdb(LOCAL).whyNot(moved)).as("the deployment not switched yet reads the copy left behind").isEmpty();
        assertThat(LakeReach.duckdb(LakeLocation.local(Path.of("/srv/other"))).whyNot(moved)).isPresent();
        assertThat(LakeReach.overS3("athena", "s3://tokyo-ia-lake/lake", "glue").whyNot(moved)).isPresent();
        ManifestEntry neverMoved = version(ON_TRINO, null);
        assertThat(LakeReach.duckdb(LOCAL).whyNot(neverMoved)).as("no previous location is not 'anywhere'").isPresent();
    }

    private static ManifestEntry version(LakeLocation at, LakeLocation before) {
        return new ManifestEntry(1, "agent_tasks", LocalDate.of(2026, 3, 1), 1, ManifestStatus.VALIDATED, 10L, 100L, "{}", "c", "ab",
                "agent_tasks/x", "etag", "STANDARD", null, 1L, Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, null,
                at.store(), at.root(), at.catalog(), before == null ? null : before.store(), before == null ? null : before.root(),
                before == null ? null : before.catalog(), null, null);
    }
}
