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
    void daysElsewhereMakeTheCheckFailNamingThemAndDaysHereOrUnrecordedPass() throws Exception {
        List<LakePlacement> placements = new ArrayList<>(List.of(new LakePlacement(HERE, 40, DAY, DAY.plusDays(39)),
                new LakePlacement(new LakeLocation(null, null, null), 3, DAY.minusDays(3), DAY.minusDays(1))));
        LakePlacementCheck check = new LakePlacementCheck(() -> placements, HERE);
        assertThat(check.probe()).contains("s3://tokyo-ia-lake/lake");

        placements.add(new LakePlacement(LakeLocation.local(Path.of("/srv/tokyo-ia/lake")), 10, DAY.minusDays(13), DAY.minusDays(4)));
        assertThatThrownBy(check::probe).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("10 table-day(s) from " + DAY.minusDays(13) + " to " + DAY.minusDays(4))
                .hasMessageContaining("the local store file:///srv/tokyo-ia/lake").hasMessageContaining("configured for the s3 store");
    }
}
