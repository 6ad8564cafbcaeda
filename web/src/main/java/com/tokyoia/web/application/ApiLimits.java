package com.tokyoia.web.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/** Limits the API enforces at the edge (page sizes, batch sizes, event times). */
@ApplicationScoped
public class ApiLimits {
    @Inject
    ApiSettings settings;

    public long maxBodyBytes() {
        return settings.maxBodyBytes();
    }

    public int maxBatchSize() {
        return settings.maxBatchSize();
    }

    public int pageSize(Integer requested) {
        if (requested == null) {
            return settings.defaultPageSize();
        }
        if (requested < 1 || requested > settings.maxPageSize()) {
            throw new InvalidInputException("limit", "limit must be between 1 and " + settings.maxPageSize());
        }
        return requested;
    }

    public void checkBatchSize(int size, String what) {
        if (size > settings.maxBatchSize()) {
            throw new PayloadTooLargeException(what + " batch has " + size + " items; at most " + settings.maxBatchSize()
                    + " are accepted per request");
        }
    }

    /** Event times from clients must be neither far in the future nor older than the hot store keeps. */
    public void checkEventTime(String field, Instant at, Instant now) {
        if (at.isAfter(now.plus(settings.maxClockSkew()))) {
            throw new InvalidInputException(field, "is in the future (" + at + ")");
        }
        if (at.isBefore(now.minus(settings.maxEventAge()))) {
            throw new InvalidInputException(field, "is older than " + settings.maxEventAge().toDays() + " days (" + at + ")");
        }
    }
}
