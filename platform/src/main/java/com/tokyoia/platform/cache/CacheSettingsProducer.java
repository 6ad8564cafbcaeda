package com.tokyoia.platform.cache;

import com.tokyoia.platform.config.ConfigReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Reads the cache settings once per deployment. */
@ApplicationScoped
public class CacheSettingsProducer {
    @Produces
    @Singleton
    CacheSettings cacheSettings() {
        return CacheSettings.from(ConfigReader.forModuleOf(CacheSettingsProducer.class));
    }
}
