package com.tokyoia.analytics.archviolations;

import com.tokyoia.etl.domain.ExportRequest;

/** Breaks the module rule on purpose: analytics must not use the ETL (ImportRulesTest checks that the rule notices). */
final class AnalyticsUsingTheEtl {
    private AnalyticsUsingTheEtl() {
    }

    static String tables() {
        return ExportRequest.tables(null).toString();
    }
}
