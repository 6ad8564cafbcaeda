package com.tokyoia.etl.application.alerting;

/** The platform's alerts; their spelling is what incidents, webhooks and e-mails carry. */
public enum AlertKind {
    /** An export, retention or storage step failed for a (table, day); checked the moment it fails. */
    ETL_FAILURE("etl-failure"),
    /** Analytics spent far more in the last hour than it usually does, or more than a limit; checked hourly. */
    COST_SPIKE("cost-spike"),
    /** A table's newest proven lake day is older than allowed; checked daily. */
    PARTITION_LAG("partition-lag"),
    /** The lake or PostgreSQL holds more than its configured size; checked daily. */
    STORAGE_QUOTA("storage-quota");

    private final String spelling;

    AlertKind(String spelling) {
        this.spelling = spelling;
    }

    public String spelling() {
        return spelling;
    }

    public static AlertKind parse(String text) {
        for (AlertKind kind : values()) {
            if (kind.spelling.equals(text)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown alert '" + text + "'");
    }
}
