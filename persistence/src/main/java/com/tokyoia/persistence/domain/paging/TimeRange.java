package com.tokyoia.persistence.domain.paging;

import java.time.Instant;

/** A half-open interval [from, to) in UTC; either end may be open (null). */
public record TimeRange(Instant from, Instant to) {
    public TimeRange {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("'to' must be after 'from'");
        }
    }

    public static TimeRange unbounded() {
        return new TimeRange(null, null);
    }
}
