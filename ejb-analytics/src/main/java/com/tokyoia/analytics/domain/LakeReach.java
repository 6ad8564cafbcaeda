package com.tokyoia.analytics.domain;

import com.tokyoia.lake.domain.manifest.LakeLocation;
import com.tokyoia.lake.domain.manifest.ManifestEntry;
import java.util.Optional;

/**
 * What the configured cold engine can read: DuckDB the local lake at its root, Trino the S3 root
 * through the Trino catalog, Athena the S3 root through Glue. A version whose recorded location
 * differs cannot be answered by it (a lake left behind when the deployment moved), and is refused by
 * name rather than failing inside the engine. What a row does not record matches anything: copies
 * written before locations were recorded are trusted to be where the engine looks, as before.
 */
public record LakeReach(String engine, LakeLocation reads) {
    /** Reads whatever the manifest says (tests, tools that check nothing). */
    public static final LakeReach ANY = new LakeReach("any", new LakeLocation(null, null, null));

    public static LakeReach duckdb(LakeLocation localLake) {
        return new LakeReach("duckdb", localLake);
    }

    /** Trino or Athena over the S3 root (null: not configured here, any S3 root) through the catalog. */
    public static LakeReach overS3(String engine, String s3Root, String catalog) {
        return new LakeReach(engine, LakeLocation.s3(s3Root, catalog));
    }

    /**
     * Why the engine can read the version neither where it is now nor where the lake migration left
     * its earlier, identical copy (a deployment still on the old store keeps answering while the
     * lake moves), if it cannot.
     */
    public Optional<String> whyNot(ManifestEntry version) {
        Optional<String> why = whyNot(version.location());
        boolean leftBehindHere = version.previousLocation().map(p -> !p.conflictsWith(reads)).orElse(false);
        return leftBehindHere ? Optional.empty() : why;
    }

    /** Why the engine cannot read a copy at {@code where}, if it cannot. */
    public Optional<String> whyNot(LakeLocation where) {
        return where.conflictsWith(reads) ? Optional.of("in " + where + ", and the " + engine + " engine reads " + reads) : Optional.empty();
    }
}
