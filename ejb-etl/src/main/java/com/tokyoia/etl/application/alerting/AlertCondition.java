package com.tokyoia.etl.application.alerting;

import java.time.Instant;
import java.util.List;

/** A periodic alert: everything of its kind that is wrong now (an empty list means all is well, so open incidents clear). */
public interface AlertCondition {
    AlertKind kind();

    List<Finding> check(Instant now);
}
