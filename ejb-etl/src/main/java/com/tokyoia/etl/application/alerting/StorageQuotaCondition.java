package com.tokyoia.etl.application.alerting;

import com.tokyoia.etl.application.port.AlertFacts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The lake or PostgreSQL holding more than its configured size (a quota of 0 is no quota). */
public final class StorageQuotaCondition implements AlertCondition {
    public static final String LAKE = "lake";
    public static final String POSTGRESQL = "postgresql";
    private final AlertFacts facts;
    private final long lakeQuota;
    private final long postgresQuota;

    public StorageQuotaCondition(AlertFacts facts, long lakeQuotaBytes, long postgresQuotaBytes) {
        this.facts = facts;
        this.lakeQuota = lakeQuotaBytes;
        this.postgresQuota = postgresQuotaBytes;
    }

    @Override
    public AlertKind kind() {
        return AlertKind.STORAGE_QUOTA;
    }

    @Override
    public List<Finding> check(Instant now) {
        List<Finding> findings = new ArrayList<>();
        if (lakeQuota > 0) {
            over(LAKE, facts.lakeBytes(), lakeQuota, "Archive older days to cheaper classes (tokyoia.lifecycle.*), shorten "
                    + "tokyoia.retention.superseded-grace-days, or raise tokyoia.alerts.quota.lake-bytes.", findings);
        }
        if (postgresQuota > 0) {
            over(POSTGRESQL, facts.postgresBytes(), postgresQuota, "Check GET /api/etl/retention/holds for days retention may "
                    + "not remove, lower tokyoia.retention.hot-days, or raise tokyoia.alerts.quota.postgresql-bytes.", findings);
        }
        return findings;
    }

    private void over(String store, long bytes, long quota, String action, List<Finding> findings) {
        if (bytes > quota) {
            findings.add(new Finding(kind(), store, store + " holds " + bytes + " bytes, above its quota of " + quota + " bytes ("
                    + Math.round(100.0 * bytes / quota) + " %).", action,
                    Map.of("store", store, "bytes", String.valueOf(bytes), "quotaBytes", String.valueOf(quota))));
        }
    }
}
