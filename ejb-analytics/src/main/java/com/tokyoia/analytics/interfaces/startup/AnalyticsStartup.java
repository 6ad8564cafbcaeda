package com.tokyoia.analytics.interfaces.startup;

import com.tokyoia.analytics.application.AnalyticsService;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

/**
 * Builds the analytics service at deployment rather than at the first question, so a bad
 * tokyoia.analytics.* or tokyoia.athena.* value stops the deployment with a message naming the key.
 */
@Startup
@Singleton
public class AnalyticsStartup {
    @Inject
    AnalyticsService service;

    @PostConstruct
    void build() {
        service.toString();
    }
}
