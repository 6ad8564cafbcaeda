package com.tokyoia.web.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Limits the API enforces at the edge, all from MicroProfile Config. */
@ApplicationScoped
public class ApiLimits {
    @Inject
    @ConfigProperty(name = "tokyoia.api.max-body-bytes", defaultValue = "5242880")
    long maxBodyBytes;
    @Inject
    @ConfigProperty(name = "tokyoia.api.max-batch-size", defaultValue = "20000")
    int maxBatchSize;
    @Inject
    @ConfigProperty(name = "tokyoia.api.default-page-size", defaultValue = "50")
    int defaultPageSize;
    @Inject
    @ConfigProperty(name = "tokyoia.api.max-page-size", defaultValue = "500")
    int maxPageSize;
    @Inject
    @ConfigProperty(name = "tokyoia.api.max-event-age-days", defaultValue = "365")
    int maxEventAgeDays;
    @Inject
    @ConfigProperty(name = "tokyoia.api.max-clock-skew-seconds", defaultValue = "300")
    int maxClockSkewSeconds;

    public long maxBodyBytes() { return maxBodyBytes; }
    public int maxBatchSize() { return maxBatchSize; }

    public int pageSize(Integer requested) {
        if (requested == null) {
            return defaultPageSize;
        }
        if (requested < 1 || requested > maxPageSize) {
            throw new InvalidInputException("limit", "limit must be between 1 and " + maxPageSize);
        }
        return requested;
    }

    public void checkBatchSize(int size, String what) {
        if (size > maxBatchSize) {
            throw new PayloadTooLargeException(what + " batch has " + size + " items; at most " + maxBatchSize
                    + " are accepted per request");
        }
    }

    /** Event times from clients must be neither far in the future nor older than the hot store keeps. */
    public void checkEventTime(String field, Instant at, Instant now) {
        if (at.isAfter(now.plusSeconds(maxClockSkewSeconds))) {
            throw new InvalidInputException(field, "is in the future (" + at + ")");
        }
        if (at.isBefore(now.minus(Duration.ofDays(maxEventAgeDays)))) {
            throw new InvalidInputException(field, "is older than " + maxEventAgeDays + " days (" + at + ")");
        }
    }
}
