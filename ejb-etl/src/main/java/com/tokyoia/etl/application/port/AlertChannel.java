package com.tokyoia.etl.application.port;

import com.tokyoia.etl.application.alerting.Notice;

/** Tells people an incident opened or cleared. Implementations never throw: an alert must not mask the failure it reports. */
public interface AlertChannel {
    void send(Notice notice);
}
