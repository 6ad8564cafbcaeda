package com.tokyoia.etl.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tokyoia.lake.domain.manifest.LakeLocation;
import com.tokyoia.lake.domain.manifest.LakePlacement;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LakePlacementCheckTest {
    private static final LakeLocation HERE = LakeLocation.s3("s3://tokyo-ia-lake/lake", "trino");
    private static final LocalDate DAY = LocalDate.of(2026, 3, 1);

    @Test
    void daysElsewhereMakeTheCheckFailNamingThemTheMigrationCommandAndDaysHereOrUnrecordedPass() throws Exception {
        List<LakePlacement> placements = new ArrayList<>(List.of(new LakePlacement(HERE, 40, DAY, DAY.plusDays(39)),
                new LakePlacement(new LakeLocation(null, null, null), 3, DAY.minusDays(3), DAY.minusDays(1))));
        LakePlacementCheck check = new LakePlacementCheck(() -> placements, HERE);
        assertThat(check.probe()).contains("s3://tokyo-ia-lake/lake");

        placements.add(new LakePlacement(LakeLocation.local(Path.of("/srv/tokyo-ia/lake")), 10, DAY.minusDays(13), DAY.minusDays(4)));
        assertThatThrownBy(check::probe).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("10 table-day(s) from " + DAY.minusDays(13) + " to " + DAY.minusDays(4))
                .hasMessageContaining("the local store file:///srv/tokyo-ia/lake").hasMessageContaining("configured for the s3 store")
                .hasMessageContaining("./tokyo-ia lake migrate --to s3://tokyo-ia-lake/lake --catalog trino");
        assertThat(check.report().elsewhere()).hasSize(1);
    }

    @Test
    void daysAMigrationMovedAwayAreNamedAsWaitingForTheSwitchNotAsLost() throws Exception {
        LakeLocation local = LakeLocation.local(Path.of("/srv/tokyo-ia/lake"));
        LakePlacementCheck check = new LakePlacementCheck(() -> List.of(new LakePlacement(HERE, 30, DAY, DAY.plusDays(9), local)), local);
        assertThat(check.report().advice()).contains("a lake migration moved them there").contains("still answers them from the copies "
                + "left in the local store file:///srv/tokyo-ia/lake").doesNotContain("lake migrate --to");
    }
}
