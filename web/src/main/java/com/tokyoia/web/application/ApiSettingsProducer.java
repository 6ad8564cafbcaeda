package com.tokyoia.web.application;

import com.tokyoia.platform.config.ConfigReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The API's settings, read once per deployment. */
@ApplicationScoped
public class ApiSettingsProducer {
    @Produces
    @Singleton
    ApiSettings apiSettings() {
        return ApiSettings.from(ConfigReader.forModuleOf(ApiSettingsProducer.class));
    }
}
