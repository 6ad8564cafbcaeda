package com.tokyoia.web.interfaces.startup;

import com.tokyoia.platform.cache.CacheSettings;
import com.tokyoia.web.application.ApiSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * Reads the API's and the cache's settings when the web module starts, so a bad tokyoia.api.*,
 * tokyoia.cache.* or tokyoia.redis.* value stops the deployment naming the key instead of failing
 * the first request that needs it.
 */
@ApplicationScoped
public class SettingsCheck {
    private static final Logger LOG = Logger.getLogger(SettingsCheck.class.getName());

    @Inject
    ApiSettings api;
    @Inject
    CacheSettings cache;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        LOG.info(() -> "API settings " + api + "; cache settings " + cache);
    }
}
