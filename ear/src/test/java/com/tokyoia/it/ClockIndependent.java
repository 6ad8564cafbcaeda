package com.tokyoia.it;

/**
 * The tag of the suites whose outcome cannot depend on the day, the hour or the zone (transport,
 * server configuration, the OpenAPI document, secrets in logs: nothing in them reads or writes a
 * date). The clock-edge run of .ci/run ({@code ./tokyo-ia test --faketime ... --zone ...}) leaves
 * them out; the default run runs them. A suite that starts to touch dates loses the tag.
 */
final class ClockIndependent {
    static final String TAG = "clock-independent";

    private ClockIndependent() {
    }
}
