package com.tokyoia.persistence.partition;

import com.tokyoia.platform.config.ConfigReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The partition settings, read once per deployment. */
@ApplicationScoped
public class PartitionSettingsProducer {
    @Produces
    @Singleton
    PartitionSettings partitionSettings() {
        return PartitionSettings.from(ConfigReader.forModuleOf(PartitionSettingsProducer.class));
    }
}
