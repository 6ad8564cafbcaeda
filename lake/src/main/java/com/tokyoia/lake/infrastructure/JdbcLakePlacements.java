package com.tokyoia.lake.infrastructure;

import com.tokyoia.lake.domain.manifest.LakeLocation;
import com.tokyoia.lake.domain.manifest.LakePlacement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Where the lake's current proven versions are, grouped by recorded location (one scan of the manifest). */
public final class JdbcLakePlacements {
    private final DataSource dataSource;

    public JdbcLakePlacements(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<LakePlacement> current() throws SQLException {
        List<LakePlacement> placements = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT store_kind, store_uri, lake_catalog, count(*), min(day), max(day), previous_store_kind, previous_store_uri, "
                        + "previous_lake_catalog FROM (SELECT DISTINCT ON (table_name, day) day, store_kind, store_uri, lake_catalog, "
                        + "previous_store_kind, previous_store_uri, previous_lake_catalog FROM export_manifest "
                        + "WHERE status IN " + JdbcManifest.PROVEN + " ORDER BY table_name, day, version DESC) current "
                        + "GROUP BY 1, 2, 3, 7, 8, 9 ORDER BY 5, 1, 2, 3");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                placements.add(new LakePlacement(new LakeLocation(rs.getString(1), rs.getString(2), rs.getString(3)), rs.getLong(4),
                        rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class), rs.getString(8) == null ? null
                        : new LakeLocation(rs.getString(7), rs.getString(8), rs.getString(9))));
            }
        }
        return placements;
    }
}
