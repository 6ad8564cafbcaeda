package com.tokyoia.analytics.application;

import jakarta.ejb.ApplicationException;
import java.math.BigDecimal;
import java.util.List;

/**
 * A valid query the analytics will not run: it touches archived days no engine can read, its
 * cold scan is over the per-query limit or the day's budget, or its answer would take more memory
 * than one question may. Carries what the client needs to decide.
 */
@ApplicationException
public class QueryRefusedException extends RuntimeException {
    public enum Reason { ARCHIVED_DAYS, STORE_UNREACHABLE, DAMAGED_DAYS, OVER_QUERY_LIMIT, OVER_DAILY_BUDGET, ANSWER_TOO_LARGE, BUSY }

    private final Reason reason;
    private final List<String> days;
    private final long quotedBytes;
    private final BigDecimal quotedUsd;
    private final BigDecimal limitUsd;

    public QueryRefusedException(Reason reason, String message, List<String> days, long quotedBytes, BigDecimal quotedUsd,
                                 BigDecimal limitUsd) {
        super(message);
        this.reason = reason;
        this.days = days;
        this.quotedBytes = quotedBytes;
        this.quotedUsd = quotedUsd;
        this.limitUsd = limitUsd;
    }

    public Reason reason() { return reason; }
    public List<String> days() { return days; }
    public long quotedBytes() { return quotedBytes; }
    public BigDecimal quotedUsd() { return quotedUsd; }
    public BigDecimal limitUsd() { return limitUsd; }
}
