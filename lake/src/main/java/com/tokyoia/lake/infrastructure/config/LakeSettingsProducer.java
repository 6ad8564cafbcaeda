package com.tokyoia.lake.infrastructure.config;

import com.tokyoia.platform.config.ConfigReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The lake's settings, read once per deployment. */
@ApplicationScoped
public class LakeSettingsProducer {
    @Produces
    @Singleton
    LakeSettings lakeSettings() {
        return LakeSettings.from(ConfigReader.forModuleOf(LakeSettingsProducer.class));
    }

    @Produces
    @Singleton
    LifecycleSettings lifecycleSettings() {
        return LifecycleSettings.from(ConfigReader.forModuleOf(LakeSettingsProducer.class));
    }

    @Produces
    @Singleton
    TrinoSettings trinoSettings() {
        return TrinoSettings.from(ConfigReader.forModuleOf(LakeSettingsProducer.class));
    }
}
