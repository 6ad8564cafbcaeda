package com.tokyoia.etl.application.port;

/** Tells people an export failed. Implementations never throw: an alert must not mask the failure. */
public interface FailureNotifier {
    void notify(FailureReport report);
}
