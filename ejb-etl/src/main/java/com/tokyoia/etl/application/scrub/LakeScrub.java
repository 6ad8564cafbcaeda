package com.tokyoia.etl.application.scrub;

import com.tokyoia.etl.application.DeepVerifier;
import com.tokyoia.etl.application.port.CopyChecks;
import com.tokyoia.etl.application.port.CopyChecks.Coverage;
import com.tokyoia.etl.application.port.CopyChecks.Due;
import com.tokyoia.etl.application.port.CopyChecks.Outcome;
import com.tokyoia.lake.application.port.Manifest;
import com.tokyoia.lake.domain.manifest.ManifestEntry;
import com.tokyoia.lake.domain.schema.LakeSchemaRegistry;
import com.tokyoia.lake.domain.schema.LakeTable;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The scrub: deep-verifies the lake copies checked longest ago (never-checked ones first), a bounded
 * amount per run, and records each check. Retention verifies a day before purging it, and readers
 * trust the manifest; without the scrub, bytes that rot later in an old day PostgreSQL no longer
 * holds would be found only when someone reads it. A damaged copy is recorded and announced once
 * ({@code DamagedCopies}: the router then refuses the day by name), as deep verify does.
 */
public final class LakeScrub {
    public static final String CHECKED_BY = "scrub";
    private static final Logger LOG = Logger.getLogger(LakeScrub.class.getName());

    /** What one run did, and how much of the lake the checks cover afterwards. */
    public record Scrubbed(int whole, List<String> damaged, int notReadable, long bytesRead, Coverage coverage) {
        public int checked() {
            return whole + damaged.size();
        }

        /** The job's exit status: short enough for the batch repository (512 characters), complete enough for the console. */
        public String summary() {
            String summary = "checked " + checked() + " (" + (bytesRead >> 20) + " MiB): " + whole + " whole, " + damaged.size() + " damaged"
                    + (damaged.isEmpty() ? "" : " " + String.join(", ", damaged.subList(0, Math.min(5, damaged.size())))
                    + (damaged.size() > 5 ? ", ..." : "")) + ", " + notReadable + " not readable; in range: " + coverage.copies()
                    + " copies, " + coverage.neverChecked() + " never checked" + coverage.oldestCheck().map(at -> ", oldest check " + at)
                    .orElse("");
            return summary.length() <= 500 ? summary : summary.substring(0, 497) + "...";
        }
    }

    private final CopyChecks checks;
    private final Manifest manifest;
    private final DeepVerifier verifier;
    private final ScrubSettings settings;
    private final Clock clock;

    public LakeScrub(CopyChecks checks, Manifest manifest, DeepVerifier verifier, ScrubSettings settings, Clock clock) {
        this.checks = checks;
        this.manifest = manifest;
        this.verifier = verifier;
        this.settings = settings;
        this.clock = clock;
    }

    /** Checks copies of the days in [from, to] (the whole lake: from {@code LakeMoves.BEGINNING} to a far day). */
    public Scrubbed scrub(LocalDate from, LocalDate to, long executionId) throws IOException, SQLException {
        int whole = 0;
        int notReadable = 0;
        long bytes = 0;
        List<String> damaged = new ArrayList<>();
        for (Due due : checks.leastRecentlyChecked(from, to, settings.copiesPerRun())) {
            // At least one copy per run, however large: otherwise one copy over the bound would stop the scrub for good.
            if (whole + damaged.size() > 0 && bytes + due.bytes() > settings.bytesPerRun()) {
                break;
            }
            Optional<ManifestEntry> current = manifest.current(due.table(), due.day());
            if (current.isEmpty() || current.get().id() != due.manifestId()) {
                continue; // a newer version was proven meanwhile: it is due next time, as never checked
            }
            ManifestEntry entry = current.get();
            Optional<LakeTable> table = LakeSchemaRegistry.table(due.table());
            Instant now = clock.instant();
            if (table.isEmpty() || !entry.readableAt(now)) {
                // Archived since it was listed, or a table this version no longer knows: recorded, so it waits its turn again.
                LOG.info(() -> "Scrub: " + due.table() + " " + due.day() + " version " + due.version() + " cannot be read now");
                checks.record(entry.id(), now, Outcome.NOT_READABLE);
                notReadable++;
                continue;
            }
            DeepVerifier.Verdict verdict = verifier.verify(table.get(), entry, CHECKED_BY, executionId);
            checks.record(entry.id(), clock.instant(), verdict.ok() ? Outcome.WHOLE : Outcome.DAMAGED);
            bytes += due.bytes();
            if (verdict.ok()) {
                whole++;
            } else {
                damaged.add(due.table() + " " + due.day() + " v" + due.version());
            }
        }
        return new Scrubbed(whole, damaged, notReadable, bytes, checks.coverage(from, to));
    }
}
